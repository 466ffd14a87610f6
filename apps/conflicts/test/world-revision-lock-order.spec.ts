import { DataSource, QueryRunner } from 'typeorm';
import { MigratedTestDatabase, migratedTestDatabase } from '@envrefresh/testing';
import { AdvisoryRecomputationLock } from '../src/conflict-register/infrastructure/advisory-recomputation-lock';
import { CONFLICTS_MIGRATIONS } from '../src/migrations';
import { bumpWorldRevision } from '../src/shared/infrastructure/world-revision.sql';

/**
 * The fault harness saw `POST /windows` fail with "deadlock detected" under the backlog after a
 * broker restart: a window write bumped the world revision and then took the recomputation lock,
 * while a recomputation held that lock and then bumped the revision (catching an environment up).
 * Both orders are played here, on the real schema, one step at a time.
 */
describe('conflicts: the world revision is bumped under the recomputation lock', () => {
  let migrated: MigratedTestDatabase;
  let dataSource: DataSource;
  const lock = new AdvisoryRecomputationLock(2_000);

  beforeAll(async () => {
    migrated = await migratedTestDatabase({
      schema: 'conflicts',
      migrations: CONFLICTS_MIGRATIONS,
      applicationName: 'lock-order-spec',
    });
    dataSource = migrated.dataSource;
  }, 60_000);

  afterAll(async () => migrated?.close());

  const begin = async (): Promise<QueryRunner> => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    return runner;
  };

  it('lets a window write (revision, then lock) and a recomputation (lock, then revision) both commit', async () => {
    const windowWrite = await begin();
    const recomputation = await begin();
    try {
      await bumpWorldRevision(windowWrite.manager);
      const recomputed = lock
        .acquire(recomputation.manager)
        .then(() => bumpWorldRevision(recomputation.manager))
        .then(() => recomputation.commitTransaction());
      // Long enough for the recomputation to queue behind the lock (Postgres checks for deadlocks after 1 s).
      await new Promise((resolve) => setTimeout(resolve, 300));
      await lock.acquire(windowWrite.manager);
      await windowWrite.commitTransaction();
      await expect(recomputed).resolves.toBeUndefined();
      const [{ revision }] = (await dataSource.query(
        'SELECT revision::text AS revision FROM conflicts.world_revision',
      )) as {
        revision: string;
      }[];
      expect(Number(revision)).toBeGreaterThan(0);
    } finally {
      for (const runner of [windowWrite, recomputation]) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        await runner.release();
      }
    }
  }, 30_000);
});
