import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FreeSlotsView } from '@envrefresh/contracts';
import {
  Clock,
  DomainError,
  Problems,
  WorkBudget,
  isIsoDuration,
  parseInstant,
  ActingUser,
} from '@envrefresh/kernel';
import { findFreeSlots } from '../domain/free-slots';
import { RuleSet } from '../domain/rule-set';
import { longestLengthOf } from '@envrefresh/recurrence';
import { MAX_RANGE_MS, optionalSource } from './detection-input';
import { RULE_SET } from './rule-set.token';
import { SITUATION_LOADER, SituationLoader } from './situation-loader.port';
import { WORLD_CATCH_UP, WorldCatchUp } from '../../world/application/world-catch-up.port';

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_SEARCH_DAYS = 30;
export const DEFAULT_SLOT_COUNT = 5;
export const MAX_SLOT_COUNT = 100;

/**
 * `GET /environments/{id}/free-slots`: the earliest windows of the asked duration inside
 * `[from, to)` that would meet no conflict at all, BLOCKING or WARNING, under the enabled rules.
 */
@Injectable()
export class FreeSlotsQuery {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SITUATION_LOADER) private readonly situations: SituationLoader,
    @Inject(WORLD_CATCH_UP) private readonly catchUp: WorldCatchUp,
    @Inject(RULE_SET) private readonly ruleSet: RuleSet,
    private readonly clock: Clock,
  ) {}

  async find(user: ActingUser, payload: Record<string, unknown> | undefined): Promise<FreeSlotsView> {
    const input = payload ?? {};
    const problems = new Problems();
    if (typeof input.environment !== 'string' || input.environment.trim() === '')
      problems.add('environment', 'must be an environment id or key');
    const durationMs = isIsoDuration(input.duration) ? longestLengthOf(input.duration) : undefined;
    if (!durationMs) problems.add('duration', 'must be an ISO-8601 duration longer than zero, e.g. PT4H');
    else if (durationMs > MAX_RANGE_MS) problems.add('duration', 'must be at most 366 days');
    const from =
      input.from === undefined ? nextMinute(this.clock.now()) : parseInstant(input.from, 'from', problems);
    const to =
      input.to === undefined
        ? from && new Date(from.getTime() + DEFAULT_SEARCH_DAYS * DAY_MS)
        : parseInstant(input.to, 'to', problems);
    if (from && to && to <= from) problems.add('to', 'must be after from');
    else if (from && to && to.getTime() - from.getTime() > MAX_RANGE_MS)
      problems.add('to', 'must be at most 366 days after from');
    const limit = slotCount(input.limit, problems);
    const source = optionalSource(input.source, problems);
    problems.throwIfAny('REQUEST.INVALID');

    const range = { start: from as Date, end: to as Date };
    const environment = input.environment as string;
    const budget = new WorkBudget({
      what: `the slot search from ${range.start.toISOString()} to ${range.end.toISOString()}`,
      remedy: 'narrow from and to',
    });
    if (!(await this.situations.knows(this.dataSource.manager, environment)))
      await this.catchUp.environments([{ ref: environment }]);
    const situation = await this.situations.load(
      this.dataSource.manager,
      { environmentId: environment, window: range, ...(source ? { source } : {}) },
      range,
      budget,
    );
    if (!situation) {
      throw new DomainError(
        'not-found',
        'ENVIRONMENT.NOT_FOUND',
        `No environment has the id or key "${environment}"`,
      );
    }
    const slots = findFreeSlots({
      durationMs: durationMs as number,
      range,
      limit,
      situation,
      ruleSet: this.ruleSet,
      ...(source ? { source } : {}),
      budget,
    });
    return {
      environmentId: situation.target.id,
      duration: input.duration as string,
      from: range.start.toISOString(),
      to: range.end.toISOString(),
      slots: slots.map((slot) => ({
        start: slot.start.toISOString(),
        end: slot.end.toISOString(),
        availableUntil: slot.availableUntil.toISOString(),
      })),
    };
  }
}

function nextMinute(now: Date): Date {
  return new Date(Math.ceil(now.getTime() / 60_000) * 60_000);
}

function slotCount(value: unknown, problems: Problems): number {
  if (value === undefined || value === null) return DEFAULT_SLOT_COUNT;
  const count = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_SLOT_COUNT) {
    problems.add('limit', `must be a whole number from 1 to ${MAX_SLOT_COUNT}`);
    return DEFAULT_SLOT_COUNT;
  }
  return count;
}
