/** What one `npm run bench:messaging` run does; every knob has a flag so tuning needs no edit. */
export interface BenchOptions {
  databaseUrl: string;
  amqpUrl: string;
  events: number;
  producers: number;
  rawMessages: number;
  rawTransactions: number;
  publishWindow: number;
  relayBatchSize: number;
  relayPollIntervalMs: number;
  prefetch: number;
  producerPoolSize: number;
  consumerPoolSize: number;
  consumerBatchSize: number;
  consumerConcurrency: number;
  /**
   * How a producer writes its business row and event: `statement`, as a create does since ADR
   * 0032 (UnitOfWork.runAsOneStatement, one round trip), or `transaction` (UnitOfWork.run: BEGIN,
   * two INSERTs, COMMIT), for comparison.
   */
  producerWrite: ProducerWrite;
}

export const PRODUCER_WRITES = ['statement', 'transaction'] as const;
export type ProducerWrite = (typeof PRODUCER_WRITES)[number];

const DEFAULTS = {
  events: 5000,
  producers: 16,
  rawMessages: 20000,
  rawTransactions: 20000,
  publishWindow: 1000,
  relayBatchSize: 200,
  relayPollIntervalMs: 500,
  prefetch: 100,
  producerPoolSize: 10,
  consumerPoolSize: 20,
  consumerBatchSize: 20,
  consumerConcurrency: 5,
} satisfies Partial<BenchOptions>;

type NumericKnob = keyof typeof DEFAULTS;

const FLAGS: Record<string, NumericKnob> = {
  '--events': 'events',
  '--producers': 'producers',
  '--raw-messages': 'rawMessages',
  '--raw-transactions': 'rawTransactions',
  '--publish-window': 'publishWindow',
  '--relay-batch-size': 'relayBatchSize',
  '--relay-poll-ms': 'relayPollIntervalMs',
  '--prefetch': 'prefetch',
  '--producer-pool': 'producerPoolSize',
  '--consumer-pool': 'consumerPoolSize',
  '--consumer-batch': 'consumerBatchSize',
  '--consumer-concurrency': 'consumerConcurrency',
};

export const BENCH_USAGE = `usage: npm run bench:messaging -- [${Object.keys(FLAGS)
  .map((flag) => `${flag} N`)
  .join('] [')}] [--producer-write ${PRODUCER_WRITES.join('|')}]
env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), AMQP_URL (default amqp://guest:guest@127.0.0.1:5672)`;

export function readBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const knobs: Record<NumericKnob, number> = { ...DEFAULTS };
  let producerWrite: ProducerWrite = 'statement';
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split('=', 2);
    if (flag === '--producer-write') {
      const raw = inline ?? argv[++index] ?? '';
      if (!(PRODUCER_WRITES as readonly string[]).includes(raw))
        throw new Error(`--producer-write needs one of ${PRODUCER_WRITES.join(', ')}, got "${raw}"`);
      producerWrite = raw as ProducerWrite;
      continue;
    }
    const knob = FLAGS[flag];
    if (!knob) throw new Error(`unknown argument "${argv[index]}"`);
    const raw = inline ?? argv[++index];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`${flag} needs a positive integer, got "${raw ?? ''}"`);
    knobs[knob] = value;
  }
  return {
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    amqpUrl: env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672',
    producerWrite,
    ...knobs,
  };
}
