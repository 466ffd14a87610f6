import { bindProbeQueue, eventually, ProbeQueue } from '@envrefresh/testing';
import { OutboxRelay } from '../src';
import { messagingMetrics } from '../src/metrics/messaging-metrics';
import { MessagingTestBed } from './support/messaging-test-bed';
import { testEventEnvelope } from './support/test-events';

const PENDING = 500;

async function publishedByReplica(): Promise<Record<string, number>> {
  const { values } = await messagingMetrics.published.get();
  const totals: Record<string, number> = {};
  for (const { labels, value } of values)
    totals[String(labels.service)] = (totals[String(labels.service)] ?? 0) + value;
  return totals;
}

describe('two outbox relays on one outbox', () => {
  let bed: MessagingTestBed;
  let probe: ProbeQueue;
  const pending: string[] = [];

  beforeAll(async () => {
    bed = await MessagingTestBed.create();
    await bed.channel();
    probe = await bindProbeQueue(bed.amqpUrl, bed.exchange, ['#']);
    await bed.dataSource.transaction(async (manager) => {
      for (let index = 0; index < PENDING; index += 1) {
        const event = testEventEnvelope('test.pending', { index });
        await bed.outbox.append(manager, {
          id: event.id,
          type: event.type,
          routingKey: event.type,
          payload: event,
          headers: {},
        });
        pending.push(event.id);
      }
    });
  });

  afterAll(async () => {
    await probe?.close();
    await bed?.close();
  });

  it('publish every pending event exactly once between them', async () => {
    const replicas: OutboxRelay[] = [];
    for (const name of ['replica-a', 'replica-b']) {
      const connection = bed.connect(name);
      await connection.waitForConnect(5_000);
      // Each replica has its own pool, as separate processes would.
      replicas.push(bed.relay(connection, { service: name, batchSize: 20 }, await bed.openDataSource()));
    }
    replicas.forEach((relay) => relay.start());

    await eventually(() => expect(probe.messages.length).toBeGreaterThanOrEqual(PENDING), {
      timeoutMs: 20_000,
    });
    await eventually(async () =>
      expect(await bed.count('SELECT 1 FROM svc.outbox WHERE published_at IS NULL')).toBe(0),
    );
    await Promise.all(replicas.map((relay) => relay.stop()));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const ids = probe.messages.map((message) => message.properties.messageId as string);
    expect(ids).toHaveLength(PENDING);
    expect(new Set(ids)).toEqual(new Set(pending));
    expect(await bed.count('SELECT 1 FROM svc.outbox WHERE publish_attempts <> 1')).toBe(0);

    const byReplica = await publishedByReplica();
    expect(byReplica['replica-a'] + byReplica['replica-b']).toBe(PENDING);
    expect(byReplica['replica-a']).toBeGreaterThan(0);
    expect(byReplica['replica-b']).toBeGreaterThan(0);
  });
});
