import { ConflictsBenchOptions } from './conflicts-options';
import { PhaseLoad, PhaseResult } from './measure/measure-phase';
import { TimeSplit } from './measure/time-split';
import { layerSizes } from './seed/environment-fixtures';
import { SeededWorld } from './seed/seed-world';

/** The aims of issue 4's benchmark. */
export const CONFLICTS_TARGETS = { checkP99Ms: 15, checksPerSecond: 1000, slotSearchP99Ms: 100 };

export interface ConflictsMachine {
  cpus: number;
  cpuModel: string;
  node: string;
  postgres: string;
  /** 1-minute load average when the run began: above ~0.5, something else was competing for the cores. */
  loadAverageAtStart: number;
}

export interface ConflictsBenchResult {
  machine: ConflictsMachine;
  options: ConflictsBenchOptions;
  world: SeededWorld;
  /** Closed loop: the rate the service sustains. */
  checks: PhaseResult;
  /** Open loop at a steady rate: the latency at that rate. */
  pacedChecks: PhaseResult;
  slotSearches: PhaseResult;
  floor: PhaseResult;
  checkSplit?: TimeSplit;
  slotSplit?: TimeSplit;
}

interface Verdict {
  aim: string;
  measured: string;
  pass: boolean;
}

/**
 * A figure only counts when every operation of its phase succeeded. The latency aim is judged at a
 * steady rate (it means "p99 while serving that many checks a second"; in a closed loop the
 * latency is set by how many are in flight), and only if the service kept up with that rate.
 */
export function verdicts(result: ConflictsBenchResult): Verdict[] {
  const { checks, pacedChecks, slotSearches, options } = result;
  const keptUp = pacedChecks.perSecond >= 0.95 * options.pacedRate;
  return [
    {
      aim: `check p99 ≤ ${CONFLICTS_TARGETS.checkP99Ms} ms at a steady ${count(options.pacedRate)} checks/s`,
      measured: `${ms(pacedChecks.latency.p99Ms)} ms${keptUp ? '' : `, answered ${count(pacedChecks.perSecond)}/s`}`,
      pass: pacedChecks.latency.p99Ms <= CONFLICTS_TARGETS.checkP99Ms && keptUp && pacedChecks.errors === 0,
    },
    {
      aim: `checks ≥ ${count(CONFLICTS_TARGETS.checksPerSecond)}/s (${describeLoad(checks.load)})`,
      measured: `${count(checks.perSecond)}/s`,
      pass: checks.perSecond >= CONFLICTS_TARGETS.checksPerSecond && checks.errors === 0,
    },
    {
      aim: `slot search p99 ≤ ${CONFLICTS_TARGETS.slotSearchP99Ms} ms (${options.slotDays} days, PT4H)`,
      measured: `${ms(slotSearches.latency.p99Ms)} ms`,
      pass: slotSearches.latency.p99Ms <= CONFLICTS_TARGETS.slotSearchP99Ms && slotSearches.errors === 0,
    },
  ];
}

function describeLoad(load: PhaseLoad): string {
  return 'rate' in load ? `steady ${count(load.rate)}/s` : `${load.concurrency} in flight`;
}

export function renderConflictsTable(result: ConflictsBenchResult): string {
  const { machine, options, world, checks, pacedChecks, slotSearches, floor } = result;
  const phases: [string, PhaseResult][] = [
    [
      `POST /conflicts/check at the service (ConflictCheckQuery), ${describeLoad(checks.load)}, pool ${options.poolSize}`,
      checks,
    ],
    [`  same, ${describeLoad(pacedChecks.load)} (open loop: latency from when each was due)`, pacedChecks],
    [
      `${options.slotDays}-day free-slot search PT4H (FreeSlotsQuery), ${describeLoad(slotSearches.load)}`,
      slotSearches,
    ],
    [`floor: one bare GiST overlap lookup, pg pool ${options.poolSize}, ${describeLoad(floor.load)}`, floor],
  ];
  const rows = [
    ['', 'ops/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'CPU µs/op: its backends / Node / rest of machine'],
    ...phases.map(([label, phase]) => [
      label,
      count(phase.perSecond),
      ms(phase.latency.p50Ms),
      ms(phase.latency.p99Ms),
      ms(phase.latency.maxMs),
      String(phase.errors),
      `${count(phase.cpuMicros.postgres)} / ${count(phase.cpuMicros.node)} / ${count(phase.cpuMicros.other)}`,
    ]),
  ];
  const widths = rows[0].map((_cell, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 || column === row.length - 1
          ? cell.padEnd(widths[column])
          : cell.padStart(widths[column]),
      )
      .join('  ')
      .trimEnd();
  const seedingTotal = Object.values(world.timingsMs).reduce((sum, value) => sum + value, 0);
  const aims = verdicts(result);
  const aimWidth = Math.max(...aims.map(({ aim }) => aim.length));
  const measuredWidth = Math.max(...aims.map(({ measured }) => measured.length));
  const errors = phases
    .filter(([, phase]) => phase.firstError)
    .map(([label, phase]) => `  ${label}: ${phase.firstError}`);
  return [
    `envrefresh conflicts bench: ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, PostgreSQL ${machine.postgres}; load average at start ${machine.loadAverageAtStart.toFixed(2)}`,
    `world: ${count(options.environments)} environments in ${options.layers} layers (${layerSizes(options.environments, options.layers).map(count).join(' / ')}), ` +
      `${count(options.intents)} intents, ${count(options.bookings)} bookings, ${count(options.windows)} windows (${options.recurringPercent}% recurring), ` +
      `${world.calendar.from.toISOString().slice(0, 10)} to ${world.calendar.to.toISOString().slice(0, 10)}; rules CONFLICT_RULES="${process.env.CONFLICT_RULES ?? ''}"`,
    `seeding ${seconds(seedingTotal)} s: ${Object.entries(world.timingsMs)
      .map(([step, took]) => `${step} ${seconds(took)} s`)
      .join(', ')}`,
    `tables (rows, MB with indexes): ${world.tables.map((table) => `${table.table} ${count(table.rows)} ${Math.round(table.megabytes)}`).join(', ')}`,
    '',
    ...rows.map(line),
    ...(errors.length > 0 ? ['first error per phase:', ...errors] : []),
    `checks ÷ floor lookups per second: ${(checks.perSecond / floor.perSecond).toFixed(3)}`,
    ...renderTail(`the ${describeLoad(pacedChecks.load)} checks`, pacedChecks.tail),
    '',
    ...renderSplit('a check', result.checkSplit),
    ...renderSplit(`a ${options.slotDays}-day search`, result.slotSplit),
    ...aims.map(
      ({ aim, measured, pass }) =>
        `${aim.padEnd(aimWidth)}  ${measured.padStart(measuredWidth)}  ${pass ? 'PASS' : 'MISS'}`,
    ),
  ].join('\n');
}

/** What the tail probe saw during a phase: timers late, GC pauses, pool waits, queries. */
function renderTail(what: string, tail: PhaseResult['tail']): string[] {
  if (!tail) return [];
  const { eventLoopDelay, gc, poolWait, poolQuery, startLate } = tail;
  const kinds = Object.entries(gc.byKind)
    .map(([kind, figures]) => `${kind} ${figures.pauses} (${ms(figures.totalMs)} ms)`)
    .join(', ');
  return [
    `Where the tail of ${what} comes from (ms, p50 / p99 / max):`,
    `  event loop delay ${ms2(eventLoopDelay.p50Ms)} / ${ms2(eventLoopDelay.p99Ms)} / ${ms2(eventLoopDelay.maxMs)}` +
      (startLate
        ? `; checks started late ${ms2(startLate.p50Ms)} / ${ms2(startLate.p99Ms)} / ${ms2(startLate.maxMs)}`
        : ''),
    `  GC ${gc.pauses} pauses, ${ms(gc.totalMs)} ms in all, longest ${ms2(gc.maxMs)}: ${kinds || 'none'}`,
    `  pool wait ${ms2(poolWait.p50Ms)} / ${ms2(poolWait.p99Ms)} / ${ms2(poolWait.maxMs)} (${poolWait.waitedOver1Ms} of ${poolWait.count} over 1 ms); ` +
      `pool query, wait included ${ms2(poolQuery.p50Ms)} / ${ms2(poolQuery.p99Ms)} / ${ms2(poolQuery.maxMs)}`,
  ];
}

function renderSplit(what: string, split: TimeSplit | undefined): string[] {
  if (!split) return [];
  const { meanMs, statements, situation } = split;
  const spread = (name: string, value: { mean: number; max: number }) =>
    `${name} ${value.mean.toFixed(1)} (max ${value.max})`;
  return [
    `Where ${what}'s time goes (${split.samples} one at a time, mean ms): total ${ms2(meanMs.total)} = ` +
      `SQL in flight ${ms2(meanMs.sql)} + loader in Node (rows, RRULE expansion) ${ms2(meanMs.loaderNode)} + rules ${ms2(meanMs.rules)}`,
    `  statements, mean ms each: ${Object.entries(statements)
      .map(
        ([name, figures]) =>
          `${name} ${ms2(figures.meanMs)}${figures.perOperation === 1 ? '' : ` ×${figures.perOperation.toFixed(1)}`}`,
      )
      .join(', ')}`,
    `  situation: ${[
      spread('related environments', situation.related),
      spread('intents', situation.intents),
      spread('bookings', situation.bookings),
      spread('blackout occurrences', situation.blackoutOccurrences),
      spread('maintenance occurrences', situation.maintenanceOccurrences),
    ].join(', ')}`,
    '',
  ];
}

/** One line a script can parse: `BENCH_RESULT {json}`. */
export function renderConflictsJsonLine(result: ConflictsBenchResult): string {
  const phase = (figures: PhaseResult) => ({
    operations: figures.operations,
    ...figures.load,
    perSecond: Math.round(figures.perSecond),
    p50Ms: round(figures.latency.p50Ms, 2),
    p99Ms: round(figures.latency.p99Ms, 2),
    maxMs: round(figures.latency.maxMs, 2),
    errors: figures.errors,
    cpuMicrosPerOperation: {
      postgres: Math.round(figures.cpuMicros.postgres),
      node: Math.round(figures.cpuMicros.node),
      other: Math.round(figures.cpuMicros.other),
    },
    ...(figures.tail ? { tail: figures.tail } : {}),
  });
  const aims = verdicts(result);
  return `BENCH_RESULT ${JSON.stringify({
    bench: 'conflicts',
    machine: result.machine,
    settings: { ...result.options, databaseUrl: undefined },
    seedingMs: Object.fromEntries(
      Object.entries(result.world.timingsMs).map(([step, took]) => [step, Math.round(took)]),
    ),
    checks: phase(result.checks),
    pacedChecks: phase(result.pacedChecks),
    slotSearches: phase(result.slotSearches),
    floor: phase(result.floor),
    checkSplit: result.checkSplit,
    slotSplit: result.slotSplit,
    targets: CONFLICTS_TARGETS,
    verdicts: aims,
    pass: aims.every(({ pass }) => pass),
  })}`;
}

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function ms(value: number): string {
  return value.toFixed(1);
}

function ms2(value: number): string {
  return value.toFixed(2);
}

function seconds(valueMs: number): string {
  return (valueMs / 1000).toFixed(1);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
