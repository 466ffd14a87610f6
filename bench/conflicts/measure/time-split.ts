import { SituationLoader } from '../../../apps/conflicts/src/detection/application/situation-loader.port';
import { evaluate } from '../../../apps/conflicts/src/detection/domain/evaluate';
import { findFreeSlots } from '../../../apps/conflicts/src/detection/domain/free-slots';
import { RuleSet } from '../../../apps/conflicts/src/detection/domain/rule-set';
import { Candidate, Situation } from '../../../apps/conflicts/src/detection/domain/situation';
import { longestLengthOf } from '@envrefresh/recurrence';
import { DEFAULT_SLOT_COUNT } from '../../../apps/conflicts/src/detection/application/free-slots.query';
import type { DataSource } from 'typeorm';
import { nowMs } from '../../support/latency';
import { CheckPayload, SlotSearchPayload } from '../load/payloads';
import { SqlClock } from './sql-clock';

export interface Spread {
  mean: number;
  max: number;
}

/** Where one operation's time goes, measured one at a time so nothing queues. */
export interface TimeSplit {
  samples: number;
  meanMs: {
    total: number;
    /** Wall-clock time with at least one statement in flight. */
    sql: number;
    /** The rest of the loader: mapping rows and expanding recurring windows. */
    loaderNode: number;
    /** `evaluate` for a check, `findFreeSlots` for a search. */
    rules: number;
  };
  /** Each statement's mean time in ms, by name, with how many ran per operation. */
  statements: Record<string, { meanMs: number; perOperation: number }>;
  situation: {
    related: Spread;
    intents: Spread;
    bookings: Spread;
    blackoutOccurrences: Spread;
    maintenanceOccurrences: Spread;
  };
}

/**
 * A statement's name from what it reads, so the split follows the loader as its statements are
 * merged or split: the first table a statement names decides.
 */
const STATEMENT_NAMES: [RegExp, string][] = [
  [/WITH RECURSIVE/, 'dependency graph'],
  [/FROM conflicts\.world_revision\s*$/, 'world revision'],
  [/json_agg/, 'situation (one statement)'],
  [/FROM conflicts\.intent_windows/, 'intents'],
  [/FROM conflicts\.bookings/, 'bookings'],
  [/EXISTS \(\s*SELECT 1 FROM conflicts\.windows/, 'has maintenance'],
  [/FROM conflicts\.windows/, 'windows'],
  // One environment by id or key, or the keys of those the explanations name outside the graph.
  [/FROM conflicts\.environments WHERE id = ANY/, 'environment keys'],
  [/FROM conflicts\.environments\s*$/, 'environment catalog'],
  [/FROM conflicts\.environments/, 'environment'],
];

function statementName(sql: string): string {
  return STATEMENT_NAMES.find(([pattern]) => pattern.test(sql))?.[1] ?? 'other';
}

/** Checks one after another through the service's loader and rules, each part timed. */
export function splitChecks(
  dataSource: DataSource,
  loader: SituationLoader,
  ruleSet: RuleSet,
  payloads: readonly CheckPayload[],
): Promise<TimeSplit> {
  return split(dataSource, loader, payloads, (payload) => {
    const window = { start: new Date(payload.plannedStart), end: new Date(payload.plannedEnd) };
    const candidate: Candidate = {
      environmentId: payload.environmentId,
      window,
      ...(payload.source ? { source: payload.source } : {}),
    };
    return { candidate, span: window, judge: (situation) => evaluate(candidate, situation, ruleSet) };
  });
}

/** Slot searches one after another through the service's loader and slot finder, each part timed. */
export function splitSlotSearches(
  dataSource: DataSource,
  loader: SituationLoader,
  ruleSet: RuleSet,
  payloads: readonly SlotSearchPayload[],
): Promise<TimeSplit> {
  return split(dataSource, loader, payloads, (payload) => {
    const range = { start: new Date(payload.from), end: new Date(payload.to) };
    const candidate: Candidate = { environmentId: payload.environment, window: range };
    const durationMs = longestLengthOf(payload.duration) as number;
    return {
      candidate,
      span: range,
      judge: (situation) =>
        findFreeSlots({ durationMs, range, limit: DEFAULT_SLOT_COUNT, situation, ruleSet }),
    };
  });
}

interface Operation {
  candidate: Candidate;
  span: { start: Date; end: Date };
  judge(situation: Situation): unknown;
}

async function split<T>(
  dataSource: DataSource,
  loader: SituationLoader,
  payloads: readonly T[],
  operationOf: (payload: T) => Operation,
): Promise<TimeSplit> {
  const clock = new SqlClock(statementName);
  const manager = clock.wrap(dataSource.manager);
  const sums = { total: 0, sql: 0, loaderNode: 0, rules: 0 };
  const sizes = {
    related: [] as number[],
    intents: [] as number[],
    bookings: [] as number[],
    blackoutOccurrences: [] as number[],
    maintenanceOccurrences: [] as number[],
  };
  for (const payload of payloads) {
    const { candidate, span, judge } = operationOf(payload);
    const started = nowMs();
    const situation = await loader.load(manager, candidate, span);
    const loaded = nowMs();
    if (!situation) throw new Error(`environment ${candidate.environmentId} is not in the catalog`);
    judge(situation);
    const judged = nowMs();
    const sql = clock.take();
    sums.total += judged - started;
    sums.sql += sql;
    sums.loaderNode += loaded - started - sql;
    sums.rules += judged - loaded;
    sizes.related.push(situation.related.length);
    sizes.intents.push(situation.intents.length);
    sizes.bookings.push(situation.bookings.length);
    sizes.blackoutOccurrences.push(situation.blackouts.length);
    sizes.maintenanceOccurrences.push(situation.maintenance.length);
  }
  const count = Math.max(1, payloads.length);
  const spread = (values: number[]): Spread => ({
    mean: values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length),
    max: values.length === 0 ? 0 : Math.max(...values),
  });
  return {
    samples: payloads.length,
    meanMs: {
      total: sums.total / count,
      sql: sums.sql / count,
      loaderNode: sums.loaderNode / count,
      rules: sums.rules / count,
    },
    statements: Object.fromEntries(
      [...clock.statements].map(([name, { totalMs, count: ran }]) => [
        name,
        { meanMs: totalMs / ran, perOperation: ran / count },
      ]),
    ),
    situation: {
      related: spread(sizes.related),
      intents: spread(sizes.intents),
      bookings: spread(sizes.bookings),
      blackoutOccurrences: spread(sizes.blackoutOccurrences),
      maintenanceOccurrences: spread(sizes.maintenanceOccurrences),
    },
  };
}
