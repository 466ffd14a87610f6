import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { windowsCreateRpc } from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { AdvisoryRecomputationLock } from '../src/conflict-register/infrastructure/advisory-recomputation-lock';
import { ConflictsTestBed, actors } from './support/conflicts-test-bed';

/**
 * The service's pool runs every connection under DATABASE_*_TIMEOUT, so neither a runaway query
 * nor a transaction somebody forgot to finish holds a connection, or the recomputation lock
 * every replica queues on, for ever. Short limits here; the defaults are in libs/config.
 */
describe('conflicts service: database limits on every pooled connection', () => {
  const LIMITS = {
    CONFLICTS_DATABASE_STATEMENT_TIMEOUT: 'PT2S',
    CONFLICTS_DATABASE_LOCK_TIMEOUT: 'PT1S',
    CONFLICTS_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT: 'PT3S',
    // A request gives up on the recomputation lock well before the abandoned transaction is ended.
    RECOMPUTATION_LOCK_WAIT: 'PT1S',
  };
  let bed: ConflictsTestBed;
  let dataSource: DataSource;

  beforeAll(async () => {
    bed = await ConflictsTestBed.start(['window.*'], LIMITS);
    dataSource = bed.resolve(DataSource);
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  const blackout = (name: string) => ({
    kind: 'BLACKOUT',
    name,
    scope: {},
    start: '2031-03-01T00:00:00Z',
    end: '2031-03-02T00:00:00Z',
  });
  const createWindow = (name = `window ${randomUUID()}`) =>
    bed.call(windowsCreateRpc, { actor: actors.admin, payload: blackout(name) });
  const windowsNamed = async (name: string) =>
    (await bed.db.query('SELECT id FROM conflicts.windows WHERE name = $1', [name])).rowCount;
  // The recomputation lock is the only advisory lock the service takes in its database.
  const recomputationLockHolders = async () =>
    (
      await bed.db.query<{ holders: number }>(
        `SELECT count(*)::int AS holders FROM pg_locks
          WHERE locktype = 'advisory' AND granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      )
    ).rows[0].holders;

  it('opens every connection with the configured limits', async () => {
    const [settings] = (await dataSource.query(
      `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
              current_setting('idle_in_transaction_session_timeout') AS idle`,
    )) as { statement: string; lock: string; idle: string }[];
    expect(settings).toEqual({ statement: '2s', lock: '1s', idle: '3s' });
  });

  it('cuts a long query at the statement timeout, and the pool serves the next request', async () => {
    const started = Date.now();
    await expect(dataSource.query('SELECT pg_sleep(30)')).rejects.toMatchObject({
      driverError: { code: '57014' },
    });
    expect(Date.now() - started).toBeLessThan(10_000);

    await expect(createWindow()).resolves.toMatchObject({ kind: 'BLACKOUT' });
  });

  it('ends a transaction left open with the recomputation lock held, which frees the lock for the next change', async () => {
    const abandoned = dataSource.createQueryRunner();
    await abandoned.connect();
    await abandoned.startTransaction();
    await new AdvisoryRecomputationLock(2_000).acquire(abandoned.manager);
    // Left like this: no commit, no rollback, the connection checked out.

    // Meanwhile a change that must recompute waits for the lock only as long as a request may
    // (RECOMPUTATION_LOCK_WAIT), and is refused as retryable without writing anything.
    const refusedName = `refused ${randomUUID()}`;
    await expect(
      bed.problem(windowsCreateRpc, { actor: actors.admin, payload: blackout(refusedName) }),
    ).resolves.toMatchObject({ status: 503, code: 'CONFLICTS.RECOMPUTATION_BUSY' });
    expect(await windowsNamed(refusedName)).toBe(0);

    // Postgres ends the idle transaction's session, and the lock goes with it.
    await eventually(async () => expect(await recomputationLockHolders()).toBe(0), { timeoutMs: 10_000 });
    const afterwards = `afterwards ${randomUUID()}`;
    await expect(createWindow(afterwards)).resolves.toMatchObject({ name: afterwards });
    expect(await windowsNamed(afterwards)).toBe(1);
    await abandoned.release().catch(() => undefined);
  });
});
