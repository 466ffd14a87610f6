/** What one `npm run bench:calendar` run does. */
export interface CalendarBenchOptions {
  databaseUrl: string;
  amqpUrl: string;
  durationSeconds: number;
  warmUpSeconds: number;
  connections: number;
  entries: number;
}

const DEFAULTS = { durationSeconds: 10, warmUpSeconds: 3, connections: 4, entries: 1000 };
type Knob = keyof typeof DEFAULTS;
const FLAGS: Record<string, Knob> = {
  '--duration': 'durationSeconds',
  '--warm-up': 'warmUpSeconds',
  '--connections': 'connections',
  '--entries': 'entries',
};

export const CALENDAR_BENCH_USAGE = `usage: npm run bench:calendar -- [${Object.keys(FLAGS)
  .map((flag) => `${flag} N`)
  .join('] [')}]
env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), AMQP_URL (default amqp://guest:guest@127.0.0.1:5672)`;

export function readCalendarBenchOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): CalendarBenchOptions {
  const knobs: Record<Knob, number> = { ...DEFAULTS };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split('=', 2);
    const knob = FLAGS[flag];
    if (!knob) throw new Error(`unknown argument "${argv[index]}"`);
    const raw = inline ?? argv[++index] ?? '';
    const value = Number(raw);
    const least = knob === 'warmUpSeconds' ? 0 : knob === 'entries' ? 100 : 1;
    if (!Number.isInteger(value) || value < least)
      throw new Error(`${flag} needs an integer of at least ${least}, got "${raw}"`);
    knobs[knob] = value;
  }
  return {
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    amqpUrl: env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672',
    ...knobs,
  };
}
