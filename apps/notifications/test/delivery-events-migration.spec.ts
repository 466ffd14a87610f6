import { randomUUID } from 'node:crypto';
import { MigratedTestDatabase, migratedTestDatabase } from '@envrefresh/testing';
import { NOTIFICATIONS_MIGRATIONS } from '../src/migrations';
import { StoreDeliveryEventsOnce1765000000600 } from '../src/migrations/1765000000600-store-delivery-events-once';

/** Migration 1765000000600 on a database that already holds deliveries, and back. */
describe('storing delivery events once, over existing deliveries', () => {
  let migrated: MigratedTestDatabase;
  const migration = new StoreDeliveryEventsOnce1765000000600();
  const events = [randomUUID(), randomUUID()].map((id, index) => ({
    id,
    type: 'intent.approved',
    data: { index, note: `it's "quoted"` },
  }));

  beforeAll(async () => {
    migrated = await migratedTestDatabase({
      schema: 'notifications',
      migrations: NOTIFICATIONS_MIGRATIONS.filter((step) => step !== StoreDeliveryEventsOnce1765000000600),
      applicationName: 'delivery-events-migration-spec',
    });
    // Three deliveries of the first event, one of the second, each with its own copy.
    for (const [event, copies] of [
      [events[0], 3],
      [events[1], 1],
    ] as const)
      for (let copy = 0; copy < copies; copy += 1)
        await migrated.dataSource.query(
          `INSERT INTO notifications.deliveries (id, event_id, event_type, event, destination, channel, target,
             reasons, status, due_at, created_at)
           VALUES ($1, $2, 'intent.approved', $3, $4, 'WEBHOOK', 'https://example.test/hook', '{}', 'SENT', now(), now())`,
          [randomUUID(), event.id, JSON.stringify(event), `subscription:${randomUUID()}`],
        );
  }, 60_000);

  afterAll(async () => migrated?.close());

  const columnsOfDeliveries = async (): Promise<string[]> =>
    (
      await migrated.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'notifications' AND table_name = 'deliveries'`,
      )
    ).map((row: { column_name: string }) => row.column_name);

  it('moves each event to one row, drops the copies, and puts them back on the way down', async () => {
    const runner = migrated.dataSource.createQueryRunner();
    try {
      await migration.up(runner);
      expect(
        await migrated.dataSource.query(
          "SELECT event_id, event FROM notifications.delivery_events ORDER BY event->'data'->>'index'",
        ),
      ).toEqual(events.map((event) => ({ event_id: event.id, event })));
      expect(await columnsOfDeliveries()).not.toContain('event');

      await migration.down(runner);
      const restored: Array<{ event_id: string; event: unknown }> = await migrated.dataSource.query(
        'SELECT event_id, event FROM notifications.deliveries',
      );
      expect(restored).toHaveLength(4);
      for (const row of restored)
        expect(row.event).toEqual(events.find((event) => event.id === row.event_id));
    } finally {
      await runner.release();
    }
  });
});
