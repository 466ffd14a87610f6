import {
  DEFAULT_DELIVERY_BATCH_SIZE,
  DEFAULT_DELIVERY_WORKERS,
  DELIVERY_BATCH_SIZE_RANGE,
  DELIVERY_WORKERS_RANGE,
} from '../../apps/notifications/src/notifications.config';

/** What one `npm run bench:notifications` run does; every knob has a flag so tuning needs no edit. */
export interface NotificationsBenchOptions {
  databaseUrl: string;
  amqpUrl: string;
  /** Webhook subscriptions one event is fanned out to. */
  subscriptions: number;
  /** Events per second of the stream (intents filed and submitted through the API). */
  streamRate: number;
  /** Webhook subscriptions each stream event goes to. */
  streamSubscriptions: number;
  /** Seconds each stream runs. */
  durationSeconds: number;
  /** Seconds the bench waits, after a phase's last event, for what is still to arrive. */
  drainSeconds: number;
  /** Transactions of the raw Postgres ceiling. */
  rawTransactions: number;
  /** DELIVERY_WORKERS and DELIVERY_BATCH_SIZE the service runs with; their product is the ceiling's concurrency. */
  deliveryWorkers: number;
  deliveryBatchSize: number;
}

const DEFAULTS = {
  subscriptions: 1000,
  streamRate: 200,
  streamSubscriptions: 10,
  durationSeconds: 10,
  drainSeconds: 300,
  rawTransactions: 5000,
  // The service's own defaults.
  deliveryWorkers: DEFAULT_DELIVERY_WORKERS,
  deliveryBatchSize: DEFAULT_DELIVERY_BATCH_SIZE,
} satisfies Partial<NotificationsBenchOptions>;

type Knob = keyof typeof DEFAULTS;

const FLAGS: Record<string, Knob> = {
  '--subscriptions': 'subscriptions',
  '--stream-rate': 'streamRate',
  '--stream-subscriptions': 'streamSubscriptions',
  '--duration': 'durationSeconds',
  '--drain': 'drainSeconds',
  '--raw-transactions': 'rawTransactions',
  '--delivery-workers': 'deliveryWorkers',
  '--delivery-batch': 'deliveryBatchSize',
};

/** The hanging phase needs one hanging receiver and at least one answering beside it. */
const LEAST: Partial<Record<Knob, number>> = { streamSubscriptions: 2 };
/** The service's own bounds for these (notifications.config.ts). */
const MOST: Partial<Record<Knob, number>> = {
  deliveryWorkers: DELIVERY_WORKERS_RANGE.max,
  deliveryBatchSize: DELIVERY_BATCH_SIZE_RANGE.max,
};

export const NOTIFICATIONS_BENCH_USAGE = `usage: npm run bench:notifications -- [${Object.keys(FLAGS)
  .map((flag) => `${flag} N`)
  .join('] [')}]
short profile: npm run bench:notifications -- --subscriptions 50 --stream-rate 20 --duration 2 --drain 20
env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), AMQP_URL (default amqp://guest:guest@127.0.0.1:5672)`;

export function readNotificationsBenchOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): NotificationsBenchOptions {
  const knobs: Record<Knob, number> = { ...DEFAULTS };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split('=', 2);
    const knob = FLAGS[flag];
    if (!knob) throw new Error(`unknown argument "${argv[index]}"`);
    const raw = inline ?? argv[++index] ?? '';
    const value = Number(raw);
    const least = LEAST[knob] ?? 1;
    const most = MOST[knob] ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isInteger(value) || value < least || value > most)
      throw new Error(
        `${flag} needs an integer ${most === Number.MAX_SAFE_INTEGER ? `of at least ${least}` : `from ${least} to ${most}`}, got "${raw}"`,
      );
    knobs[knob] = value;
  }
  return {
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    amqpUrl: env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672',
    ...knobs,
  };
}
