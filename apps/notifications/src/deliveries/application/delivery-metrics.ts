import { getOrCreateCounter, getOrCreateGauge, getOrCreateHistogram } from '@envrefresh/observability';

type OldestSource = () => Promise<number>;
let oldestPending: OldestSource | undefined;

/** Deliveries by channel and outcome, how long attempts take, and how far behind the worker is. */
export const deliveryMetrics = {
  attempts: getOrCreateCounter({
    name: 'notification_delivery_attempts_total',
    help: 'Delivery attempts by channel and outcome (SENT, RETRY, GONE, REJECTED)',
    labelNames: ['channel', 'outcome'],
  }),
  settled: getOrCreateCounter({
    name: 'notification_deliveries_total',
    help: 'Deliveries by channel and where an attempt left them (SENT, RETRYING, DEAD)',
    labelNames: ['channel', 'status'],
  }),
  attemptSeconds: getOrCreateHistogram({
    name: 'notification_delivery_attempt_duration_seconds',
    help: 'How long one delivery attempt took, by channel',
    labelNames: ['channel'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
  // Read at scrape time from the database, so every replica reports the same truth.
  oldestPending: getOrCreateGauge({
    name: 'notification_oldest_pending_delivery_seconds',
    help: 'Seconds since the oldest PENDING or RETRYING delivery fell due (0: none waiting)',
    async collect() {
      const seconds = await oldestPending?.().catch(() => undefined);
      if (seconds !== undefined) this.set(seconds);
    },
  }),
};

export function registerOldestPending(source: OldestSource): () => void {
  oldestPending = source;
  return () => {
    if (oldestPending === source) oldestPending = undefined;
  };
}
