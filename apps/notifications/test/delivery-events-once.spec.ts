import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@envrefresh/contracts';
import { MigratedTestDatabase, migratedTestDatabase } from '@envrefresh/testing';
import { DeliveryEventStore } from '../src/deliveries/application/delivery-event-store';
import { SqlDeliveryRepository } from '../src/deliveries/infrastructure/sql-delivery.repository';
import { NOTIFICATIONS_MIGRATIONS } from '../src/migrations';

/** An event's envelope is stored once for all its deliveries (migration 1765000000600). */
describe('delivery events stored once', () => {
  let migrated: MigratedTestDatabase;
  let dataSource: DataSource;
  const repository = new SqlDeliveryRepository();

  beforeAll(async () => {
    migrated = await migratedTestDatabase({
      schema: 'notifications',
      migrations: NOTIFICATIONS_MIGRATIONS,
      applicationName: 'delivery-events-once-spec',
    });
    dataSource = migrated.dataSource;
  }, 60_000);

  afterAll(async () => migrated?.close());

  const event = (): EventEnvelope => ({
    id: randomUUID(),
    type: 'intent.approved',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'intents',
    correlationId: `corr-${randomUUID()}`,
    causationId: null,
    data: { note: `it's "quoted" \\ é` },
  });

  const destinations = (count: number) =>
    Array.from({ length: count }, (_, index) => ({
      key: `subscription:${randomUUID()}`,
      channel: 'WEBHOOK' as const,
      target: `https://example.test/hook/${index}`,
      subscriptionId: randomUUID(),
      reasons: [`reason ${index}`],
    }));

  const count = async (sql: string, values: unknown[]) => Number((await dataSource.query(sql, values))[0].n);

  it('writes one envelope for a fan-out, and none again when the event is redelivered', async () => {
    const envelope = event();
    const fanOut = {
      event: envelope,
      intentId: null,
      environmentId: null,
      destinations: destinations(50),
      dueAt: new Date(),
    };
    const written = await repository.insertPending(dataSource.manager, fanOut);
    expect(written).toHaveLength(50);
    expect(await repository.insertPending(dataSource.manager, fanOut)).toEqual([]);

    expect(
      await count('SELECT count(*) AS n FROM notifications.deliveries WHERE event_id = $1', [envelope.id]),
    ).toBe(50);
    expect(
      await count('SELECT count(*) AS n FROM notifications.delivery_events WHERE event_id = $1', [
        envelope.id,
      ]),
    ).toBe(1);
    expect((await repository.events(dataSource.manager, [envelope.id])).get(envelope.id)).toEqual(envelope);
  });

  it('is refused for a delivery whose envelope is not stored', async () => {
    await expect(
      dataSource.query(
        `INSERT INTO notifications.deliveries (id, event_id, event_type, destination, channel, target, reasons, status, due_at, created_at)
         VALUES ($1, $2, 'intent.approved', 'nowhere', 'WEBHOOK', 'https://example.test/hook', '{}', 'PENDING', now(), now())`,
        [randomUUID(), randomUUID()],
      ),
    ).rejects.toThrow(/deliveries_event_fk/);
  });

  it('is read from the database once, then remembered', async () => {
    const envelope = event();
    await repository.insertPending(dataSource.manager, {
      event: envelope,
      intentId: null,
      environmentId: null,
      destinations: destinations(1),
      dueAt: new Date(),
    });
    const reads: string[][] = [];
    const counting = Object.assign(Object.create(repository) as SqlDeliveryRepository, {
      events: (manager: typeof dataSource.manager, ids: readonly string[]) => {
        reads.push([...ids]);
        return repository.events(manager, ids);
      },
    });
    const store = new DeliveryEventStore(counting);
    const first = await store.envelopes(dataSource.manager, [envelope.id, envelope.id]);
    const again = await store.envelopes(dataSource.manager, [envelope.id]);
    expect(first.get(envelope.id)).toEqual(envelope);
    expect(again.get(envelope.id)).toEqual(envelope);
    expect(reads).toEqual([[envelope.id]]);
  });
});
