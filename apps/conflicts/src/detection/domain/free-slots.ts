import type { WorkBudget } from '@envrefresh/kernel';
import { evaluate } from './evaluate';
import { Interval, subtract } from '@envrefresh/recurrence';
import { RuleSet } from './rule-set';
import { ALL_RULES } from './rules/all-rules';
import { Probe } from './rules/conflict-rule';
import { Situation, SourceRef } from './situation';

export interface FreeSlotQuery {
  /** The environment to refresh; the situation's target when absent. */
  environmentId?: string;
  durationMs: number;
  range: Interval;
  limit: number;
  /** Loaded for the whole range. */
  situation: Situation;
  ruleSet: RuleSet;
  /** Where the refresh would read from, for SOURCE_CONTENTION. */
  source?: SourceRef;
  /** The request's allowance: its clock is checked at every step of the search. */
  budget?: WorkBudget;
}

export interface FreeSlot {
  start: Date;
  end: Date;
  /** Until when the slot could be stretched: the end of the free gap it opens (within the range). */
  availableUntil: Date;
}

/**
 * The earliest windows of `durationMs` inside `range` that meet no conflict at all, BLOCKING or
 * WARNING, under the enabled rules: at most `limit`, one per free gap (its earliest start),
 * earliest first.
 *
 * Each enabled rule says where a refresh on the target would make it speak (its `occupied`
 * intervals: intents, bookings, blackouts, the time outside maintenance, …); the gaps are the
 * range minus all of them. Every slot is then judged by `evaluate`, the very check a dry run
 * makes, so a slot is never one the check would refuse; should the check still find something,
 * the search moves past it within the gap.
 */
export function findFreeSlots(query: FreeSlotQuery): FreeSlot[] {
  const { durationMs, range, limit, situation, ruleSet } = query;
  if (durationMs <= 0 || limit <= 0) return [];
  const probe: Probe = {
    environmentId: query.environmentId ?? situation.target.id,
    ...(query.source ? { source: query.source } : {}),
  };
  const occupied = Object.values(ALL_RULES)
    .filter((rule) => ruleSet[rule.type].enabled)
    .flatMap((rule) => rule.occupied(probe, situation, range));

  const slots: FreeSlot[] = [];
  for (const gap of subtract([range], occupied)) {
    if (slots.length >= limit) break;
    let start = gap.start.getTime();
    while (start + durationMs <= gap.end.getTime()) {
      query.budget?.checkTime();
      const window = { start: new Date(start), end: new Date(start + durationMs) };
      const findings = evaluate({ ...probe, window }, situation, ruleSet);
      if (findings.length === 0) {
        slots.push({ ...window, availableUntil: gap.end });
        break;
      }
      start = Math.max(start + 1, ...findings.map((finding) => finding.window.end.getTime()));
    }
  }
  return slots;
}
