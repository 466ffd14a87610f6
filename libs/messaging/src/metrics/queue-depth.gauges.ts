import { getOrCreateGauge, withTimeout } from '@envrefresh/observability';

/** What a consumer's queue holds; `dead_letter` is its DLQ, which an operator must look at. */
export type QueueKind = 'events' | 'dead_letter';

type DepthSource = () => Promise<number>;
const sources = new Map<string, { kind: QueueKind; consumer: string; read: DepthSource }>();

/** A scrape must not wait on a broker that does not answer: the figure is skipped instead. */
const CHECK_TIMEOUT_MS = 1_000;

// Read at scrape time from the broker, so an alert needs no RabbitMQ exporter.
getOrCreateGauge({
  name: 'messaging_queue_messages',
  help: 'Messages ready in a consumer queue (kind=events) or its dead-letter queue (kind=dead_letter)',
  labelNames: ['consumer', 'queue', 'kind'],
  async collect() {
    for (const [queue, { kind, consumer, read }] of sources) {
      const depth = await withTimeout(read(), CHECK_TIMEOUT_MS, queue).catch(() => undefined);
      if (depth !== undefined) this.set({ consumer, queue, kind }, depth);
    }
  },
});

export function registerQueueDepth(
  consumer: string,
  queue: string,
  kind: QueueKind,
  read: DepthSource,
): () => void {
  sources.set(queue, { kind, consumer, read });
  return () => {
    if (sources.get(queue)?.read === read) sources.delete(queue);
  };
}
