/** What one `npm run bench:scheduling` run does; every knob has a flag so tuning needs no edit. */
export interface SchedulingBenchOptions {
  databaseUrl: string;
  /** Schedules seeded (5 jobs each: three reminders, start, overrun), all far ahead. */
  schedules: number;
  /** START jobs made due in the same minute, fired by each replica count in turn. */
  dueJobs: number;
  /** For the lag phase: jobs falling due per second (the aim: p99 < 2 s at 1,000/s). */
  dueRate: number;
  /** Replica counts to measure, e.g. 1 and 3. */
  replicas: number[];
  batchSize: number;
  pollIntervalMs: number;
  /** Outbox rows inserted for the raw rate, in transactions of `batchSize`. */
  rawOutboxRows: number;
  keepDatabase: boolean;
}

const DEFAULTS = {
  schedules: 100_000,
  dueJobs: 10_000,
  dueRate: 1_000,
  batchSize: 200,
  pollIntervalMs: 250,
  rawOutboxRows: 10_000,
};

type NumericKnob = keyof typeof DEFAULTS;

const FLAGS: Record<string, NumericKnob> = {
  '--schedules': 'schedules',
  '--due-jobs': 'dueJobs',
  '--due-rate': 'dueRate',
  '--batch-size': 'batchSize',
  '--poll-ms': 'pollIntervalMs',
  '--raw-outbox-rows': 'rawOutboxRows',
};

export const SCHEDULING_BENCH_USAGE = `usage: npm run bench:scheduling -- [${Object.keys(FLAGS)
  .map((flag) => `${flag} N`)
  .join('] [')}] [--replicas 1,3] [--keep-database]
env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)`;

export function readSchedulingBenchOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): SchedulingBenchOptions {
  const knobs: Record<NumericKnob, number> = { ...DEFAULTS };
  let replicas = [1, 3];
  let keepDatabase = false;
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split('=', 2);
    if (flag === '--keep-database') {
      keepDatabase = true;
      continue;
    }
    const value = inline ?? argv[++index];
    if (flag === '--replicas') {
      replicas = (value ?? '').split(',').map(Number);
      if (replicas.some((count) => !Number.isInteger(count) || count < 1 || count > 16))
        throw new Error(`--replicas takes counts from 1 to 16, e.g. 1,3 (got ${value})`);
      continue;
    }
    const knob = FLAGS[flag];
    if (!knob) throw new Error(`unknown option ${flag}`);
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new Error(`${flag} takes a positive whole number`);
    knobs[knob] = number;
  }
  return {
    ...knobs,
    replicas,
    keepDatabase,
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}
