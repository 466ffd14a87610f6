import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { MigratedTestDatabase, migratedTestDatabase } from '@envrefresh/testing';
import { NOTIFICATIONS_MIGRATIONS } from '../src/migrations';

/** Each destination's head (its earliest open delivery), kept by the triggers of migration 1765000000400. */
describe('delivery heads', () => {
  let migrated: MigratedTestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    migrated = await migratedTestDatabase({
      schema: 'notifications',
      migrations: NOTIFICATIONS_MIGRATIONS,
      applicationName: 'delivery-heads-spec',
    });
    dataSource = migrated.dataSource;
  }, 60_000);

  afterAll(async () => migrated?.close());

  async function insert(manager: EntityManager, destination: string, dueAt: string): Promise<string> {
    const id = randomUUID();
    const eventId = randomUUID();
    await manager.query(`INSERT INTO notifications.delivery_events (event_id, event) VALUES ($1, '{}')`, [
      eventId,
    ]);
    await manager.query(
      `INSERT INTO notifications.deliveries (id, event_id, event_type, destination, channel, target,
         reasons, status, due_at, created_at)
       VALUES ($1, $2, 'intent.approved', $3, 'WEBHOOK', 'https://example.test/hook', '{}', 'PENDING', $4, $4)`,
      [id, eventId, destination, dueAt],
    );
    return id;
  }

  const headOf = async (destination: string): Promise<string | null> =>
    (
      await dataSource.query(`SELECT delivery_id FROM notifications.delivery_heads WHERE destination = $1`, [
        destination,
      ])
    )[0]?.delivery_id ?? null;

  it('is the earliest open delivery, moves on as each is settled, and is none once all are', async () => {
    const first = await insert(dataSource.manager, 'hook-a', '2026-12-01T10:00:00Z');
    const second = await insert(dataSource.manager, 'hook-a', '2026-12-01T10:00:05Z');
    const earliest = await insert(dataSource.manager, 'hook-a', '2026-12-01T09:59:00Z');
    expect(await headOf('hook-a')).toBe(earliest);

    await dataSource.query(`UPDATE notifications.deliveries SET status = 'SENT' WHERE id = $1`, [earliest]);
    expect(await headOf('hook-a')).toBe(first);
    // A retry due later lets the next one go first.
    await dataSource.query(
      `UPDATE notifications.deliveries SET status = 'RETRYING', due_at = '2026-12-01T11:00:00Z' WHERE id = $1`,
      [first],
    );
    expect(await headOf('hook-a')).toBe(second);
    // A lease changes no head.
    await dataSource.query(
      `UPDATE notifications.deliveries SET leased_until = now() + interval '1 minute', lease_owner = 'w' WHERE id = $1`,
      [second],
    );
    expect(await headOf('hook-a')).toBe(second);
    await dataSource.query(
      `UPDATE notifications.deliveries SET status = 'SENT' WHERE id = ANY ($1::uuid[])`,
      [[first, second]],
    );
    expect(await headOf('hook-a')).toBeNull();
  });

  it('is agreed by transactions adding deliveries to one destination at once', async () => {
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    let earlier = '';
    // The later delivery commits second, from a snapshot that did not yet see the earlier one.
    const first = dataSource.transaction(async (manager) => {
      earlier = await insert(manager, 'hook-b', '2026-12-01T10:00:00Z');
      await pause(150);
    });
    const second = (async () => {
      await pause(50);
      await dataSource.transaction((manager) => insert(manager, 'hook-b', '2026-12-01T10:00:10Z'));
    })();
    await Promise.all([first, second]);
    expect(await headOf('hook-b')).toBe(earlier);
  });
});
