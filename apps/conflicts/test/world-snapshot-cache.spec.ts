import { DataSource, QueryRunner } from 'typeorm';
import { MigratedTestDatabase, eventually, migratedTestDatabase } from '@envrefresh/testing';
import { CONFLICTS_MIGRATIONS } from '../src/migrations';
import { bumpWorldRevision } from '../src/shared/infrastructure/world-revision.sql';
import { WorldSnapshotCache } from '../src/shared/infrastructure/world-snapshot.cache';

/**
 * The catalog kept in memory must follow a catalog change once, not be read again by every event
 * after it: the consumers' handlers, which find the change, all run in transactions, and a read
 * inside one may hold that transaction's own uncommitted writes.
 */
describe('conflicts: the catalog kept in memory after a catalog change', () => {
  let migrated: MigratedTestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    migrated = await migratedTestDatabase({
      schema: 'conflicts',
      migrations: CONFLICTS_MIGRATIONS,
      applicationName: 'world-snapshot-spec',
    });
    dataSource = migrated.dataSource;
  }, 60_000);

  afterAll(async () => migrated?.close());

  async function inTransaction<T>(work: (runner: QueryRunner) => Promise<T>, commit = true): Promise<T> {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const result = await work(runner);
      if (commit) await runner.commitTransaction();
      else await runner.rollbackTransaction();
      return result;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  const committedRevision = async (): Promise<string> =>
    (
      (await dataSource.query('SELECT revision::text AS revision FROM conflicts.world_revision')) as {
        revision: string;
      }[]
    )[0].revision;

  it('is read again once outside the transaction that found it stale, and shared by the next ones', async () => {
    const cache = new WorldSnapshotCache(dataSource);
    const before = await cache.snapshot(dataSource.manager);
    await inTransaction((runner) => bumpWorldRevision(runner.manager));
    const changed = await committedRevision();
    expect(before.revision).not.toBe(changed);

    // A handler's transaction compares revisions, finds its snapshot stale and reloads.
    const inHandler = await inTransaction((runner) => cache.reload(runner.manager));
    expect(inHandler.revision).toBe(changed);

    // The service's own copy follows, so the next two events use one snapshot and read nothing.
    await eventually(async () => {
      expect((await cache.snapshot(dataSource.manager)).revision).toBe(changed);
    });
    const next = await inTransaction((runner) => cache.snapshot(runner.manager));
    const afterThat = await inTransaction((runner) => cache.snapshot(runner.manager));
    expect(next).toBe(afterThat);
    expect(next.revision).toBe(changed);
  });

  it('never keeps for the service what a transaction wrote and rolled back', async () => {
    const cache = new WorldSnapshotCache(dataSource);
    await cache.snapshot(dataSource.manager);
    const committed = await committedRevision();
    const uncommitted = await inTransaction(async (runner) => {
      await bumpWorldRevision(runner.manager);
      return (await cache.reload(runner.manager)).revision;
    }, false);
    expect(uncommitted).not.toBe(committed);
    await eventually(async () => {
      expect((await cache.snapshot(dataSource.manager)).revision).toBe(committed);
    });
  });
});
