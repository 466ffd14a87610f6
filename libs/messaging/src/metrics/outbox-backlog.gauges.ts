import { getOrCreateGauge } from '@envrefresh/observability';
import { OutboxBacklog } from '../outbox/outbox.repository';

type BacklogSource = () => Promise<OutboxBacklog>;
const sources = new Map<string, BacklogSource>();

async function collect(
  this: { set(labels: { service: string }, value: number): void },
  pick: (backlog: OutboxBacklog) => number,
): Promise<void> {
  for (const [service, source] of sources) {
    const backlog = await source().catch(() => undefined);
    if (backlog) this.set({ service }, pick(backlog));
  }
}

// Read at scrape time, so the figure is the database's, not a stale copy.
getOrCreateGauge({
  name: 'messaging_outbox_backlog',
  help: 'Events committed but not yet published',
  labelNames: ['service'],
  async collect() {
    await collect.call(this, (backlog) => backlog.pending);
  },
});
getOrCreateGauge({
  name: 'messaging_outbox_oldest_age_seconds',
  help: 'Age of the oldest unpublished event',
  labelNames: ['service'],
  async collect() {
    await collect.call(this, (backlog) => backlog.oldestAgeSeconds);
  },
});

export function registerOutboxBacklog(service: string, source: BacklogSource): () => void {
  sources.set(service, source);
  return () => sources.delete(service);
}
