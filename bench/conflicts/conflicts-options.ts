/** What one `npm run bench:conflicts` run does; every knob has a flag so a different run needs no edit. */
export interface ConflictsBenchOptions {
  databaseUrl: string;
  environments: number;
  /** Layers of the dependency graph; each environment depends on one or two of the next layer. */
  layers: number;
  /** Environments with a weekly maintenance window of their own, in percent. */
  ownMaintenancePercent: number;
  intents: number;
  bookings: number;
  windows: number;
  recurringPercent: number;
  checks: number;
  warmUpChecks: number;
  /** Checks (and floor lookups) in flight at once in the closed loop. */
  concurrency: number;
  /** Checks per second of the open loop the latency aim is judged in. */
  pacedRate: number;
  /** Connections of the service's pool: DATABASE_POOL_SIZE, whose default is 10. */
  poolSize: number;
  slotSearches: number;
  slotConcurrency: number;
  slotDays: number;
  floorLookups: number;
  /** Sequential checks and searches timed part by part (SQL, RRULE expansion, rules). */
  splitSamples: number;
  seed: number;
  /** Leave the database behind for EXPLAIN and profiling instead of dropping it. */
  keepDatabase: boolean;
}

const DEFAULTS = {
  environments: 10_000,
  layers: 4,
  ownMaintenancePercent: 10,
  intents: 600_000,
  bookings: 400_000,
  windows: 1_000,
  recurringPercent: 20,
  checks: 10_000,
  warmUpChecks: 1_000,
  concurrency: 8,
  pacedRate: 1_000,
  poolSize: 10,
  slotSearches: 300,
  slotConcurrency: 1,
  slotDays: 90,
  floorLookups: 10_000,
  splitSamples: 300,
  seed: 1,
};

type NumericKnob = keyof typeof DEFAULTS;

const FLAGS: Record<string, NumericKnob> = {
  '--environments': 'environments',
  '--layers': 'layers',
  '--own-maintenance-percent': 'ownMaintenancePercent',
  '--intents': 'intents',
  '--bookings': 'bookings',
  '--windows': 'windows',
  '--recurring-percent': 'recurringPercent',
  '--checks': 'checks',
  '--warm-up-checks': 'warmUpChecks',
  '--concurrency': 'concurrency',
  '--paced-rate': 'pacedRate',
  '--pool': 'poolSize',
  '--slot-searches': 'slotSearches',
  '--slot-concurrency': 'slotConcurrency',
  '--slot-days': 'slotDays',
  '--floor-lookups': 'floorLookups',
  '--split-samples': 'splitSamples',
  '--seed': 'seed',
};

/** Knobs that may be zero: a share, or a phase that can be skipped. */
const ZERO_ALLOWED = new Set<NumericKnob>([
  'ownMaintenancePercent',
  'intents',
  'bookings',
  'windows',
  'recurringPercent',
  'warmUpChecks',
  'splitSamples',
]);
const PERCENTS = new Set<NumericKnob>(['ownMaintenancePercent', 'recurringPercent']);

export const CONFLICTS_BENCH_USAGE = `usage: npm run bench:conflicts -- [${Object.keys(FLAGS)
  .map((flag) => `${flag} N`)
  .join('] [')}] [--keep-database]
env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)`;

export function readConflictsBenchOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): ConflictsBenchOptions {
  const knobs: Record<NumericKnob, number> = { ...DEFAULTS };
  let keepDatabase = false;
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split('=', 2);
    if (flag === '--keep-database' && inline === undefined) {
      keepDatabase = true;
      continue;
    }
    const knob = FLAGS[flag];
    if (!knob) throw new Error(`unknown argument "${argv[index]}"`);
    const raw = inline ?? argv[++index] ?? '';
    const value = Number(raw);
    const least = ZERO_ALLOWED.has(knob) ? 0 : 1;
    if (!Number.isInteger(value) || value < least)
      throw new Error(`${flag} needs an integer of at least ${least}, got "${raw}"`);
    if (PERCENTS.has(knob) && value > 100) throw new Error(`${flag} is a percentage, got ${value}`);
    knobs[knob] = value;
  }
  if (knobs.layers > knobs.environments)
    throw new Error(`--layers (${knobs.layers}) cannot exceed --environments (${knobs.environments})`);
  return {
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    ...knobs,
    keepDatabase,
  };
}
