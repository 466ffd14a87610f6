import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { bookingsCreateRpc, intentApprovedEvent, windowsCreateRpc } from '@envrefresh/contracts';
import { UnitOfWork } from '@envrefresh/messaging';
import { EnvReader } from '@envrefresh/config';
import { testServiceEnv } from '@envrefresh/testing';
import { WorldChangesService } from '../src/conflict-register/application/world-changes.service';
import { readConflictsConfig } from '../src/conflicts.config';
import { takeRecomputationLockWithin } from '../src/shared/infrastructure/world-revision.sql';
import { ConflictsTestBed, SeededEnvironment, actors } from './support/conflicts-test-bed';

/** The gateway's RPC_TIMEOUT_MS default: a request answered later than this is a 504 to its client. */
const GATEWAY_RPC_TIMEOUT_MS = 5_000;

/**
 * The fault harness saw `POST /bookings` and `POST /windows` answered 504 about a second after a
 * database cut: every recomputation takes one lock, the conflicts replicas were working off the
 * event backlog under it, and a request queued behind them until the gateway gave up (the pool's
 * lock_timeout, 10 s, is longer than the gateway's 5 s). A request now waits at most
 * RECOMPUTATION_LOCK_WAIT and is refused as busy (503, Retry-After), having written nothing.
 */
describe('conflicts service: a request waits for the recomputation lock no longer than it may', () => {
  let bed: ConflictsTestBed;
  let uat: SeededEnvironment;
  let holder: Client;

  beforeAll(async () => {
    bed = await ConflictsTestBed.start(['booking.*', 'window.*'], { RECOMPUTATION_LOCK_WAIT: 'PT1S' });
    uat = await bed.seedEnvironment('UAT');
    holder = new Client({ connectionString: bed.databaseUrl });
    await holder.connect();
  }, 60_000);

  afterAll(async () => {
    await holder?.end().catch(() => undefined);
    await bed?.close();
  }, 30_000);

  // What a long recomputation (an event batch of the backlog) does: hold the lock until it commits.
  const holdRecomputationLock = async () => {
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext('envrefresh.conflicts.recompute'))`);
  };
  const releaseRecomputationLock = () => holder.query('COMMIT');

  const booking = (purpose: string) => ({
    environmentId: uat.id,
    start: '2030-04-02T09:00:00Z',
    end: '2030-04-02T18:00:00Z',
    group: 'qa',
    purpose,
    priority: 'HIGH',
  });
  const blackout = (name: string) => ({
    kind: 'BLACKOUT',
    name,
    scope: { environmentIds: [uat.id] },
    start: '2030-04-03T00:00:00Z',
    end: '2030-04-04T00:00:00Z',
  });
  const lockTimeout = async (manager: EntityManager) =>
    ((await manager.query(`SELECT current_setting('lock_timeout') AS value`)) as { value: string }[])[0]
      .value;
  const rows = async (sql: string, value: string) => (await bed.db.query(sql, [value])).rowCount;

  it('refuses a booking and a window as busy, in time and with nothing written, while the lock is held; both go through once it is free', async () => {
    await holdRecomputationLock();
    const purpose = `busy booking ${randomUUID()}`;
    const name = `busy window ${randomUUID()}`;
    try {
      for (const [send, what] of [
        [
          () => bed.problem(bookingsCreateRpc, { actor: actors.requester, payload: booking(purpose) }),
          'booking',
        ],
        [() => bed.problem(windowsCreateRpc, { actor: actors.admin, payload: blackout(name) }), 'window'],
      ] as const) {
        const started = Date.now();
        const refused = await send();
        const waited = Date.now() - started;
        expect({ what, refused }).toMatchObject({
          what,
          refused: { status: 503, code: 'CONFLICTS.RECOMPUTATION_BUSY', retryAfterSeconds: 1 },
        });
        expect(waited).toBeGreaterThanOrEqual(900);
        expect(waited).toBeLessThan(GATEWAY_RPC_TIMEOUT_MS - 1_000);
      }
      expect(await rows('SELECT 1 FROM conflicts.bookings WHERE purpose = $1', purpose)).toBe(0);
      expect(await rows('SELECT 1 FROM conflicts.windows WHERE name = $1', name)).toBe(0);
    } finally {
      await releaseRecomputationLock();
    }

    // Sent again, as the 503 says: each has its one effect.
    await expect(
      bed.call(bookingsCreateRpc, { actor: actors.requester, payload: booking(purpose) }),
    ).resolves.toMatchObject({ purpose });
    await expect(
      bed.call(windowsCreateRpc, { actor: actors.admin, payload: blackout(name) }),
    ).resolves.toMatchObject({
      name,
    });
    expect(await rows('SELECT 1 FROM conflicts.bookings WHERE purpose = $1', purpose)).toBe(1);
    expect(await rows('SELECT 1 FROM conflicts.windows WHERE name = $1', name)).toBe(1);
  }, 30_000);

  it('takes no turn at the lock for an intent event of a version it already holds', async () => {
    const changes = bed.resolve(WorldChangesService);
    const unitOfWork = bed.resolve(UnitOfWork);
    const intent = { ...intentApprovedEvent.example, id: randomUUID(), environmentId: uat.id };
    await unitOfWork.run((transaction) => changes.intentChanged(transaction, intent));
    await holdRecomputationLock();
    try {
      // The event after the approval gate took the intent in: nothing to recompute, so no wait
      // (before, it queued for the lock like any change, up to the pool's lock_timeout).
      const started = Date.now();
      await unitOfWork.run((transaction) => changes.intentChanged(transaction, intent));
      expect(Date.now() - started).toBeLessThan(900);
    } finally {
      await releaseRecomputationLock();
    }
  });

  it('puts the pool’s lock_timeout back once it has the lock, for whatever else the transaction waits for', async () => {
    const dataSource = bed.resolve(DataSource);
    const settings = await dataSource.transaction(async (manager) => {
      const before = await lockTimeout(manager);
      await takeRecomputationLockWithin(manager, 750);
      return { before, after: await lockTimeout(manager) };
    });
    expect(settings.before).not.toBe('750ms');
    expect(settings.after).toBe(settings.before);
  });
});

describe('conflicts configuration: how requests and the event backlog share the recomputation lock', () => {
  const read = (extra: Record<string, string> = {}) => {
    // The specs' environment, less the consumer concurrency it sets for every service.
    const { MESSAGING_CONCURRENCY: _specsConcurrency, ...base } = testServiceEnv({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/envrefresh',
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      namespace: 'config-spec',
    });
    const env = new EnvReader({ ...base, ...extra });
    const config = readConflictsConfig(env);
    env.done();
    return config;
  };

  it('waits 3 s for a request by default, and handles one event at a time per replica', () => {
    const config = read();
    expect(config.recomputationWaitMs).toBe(3_000);
    expect(config.messaging.consumer).toMatchObject({ maxConcurrentBatches: 1, batchSize: 1 });
  });

  it('lets MESSAGING_CONCURRENCY and MESSAGING_BATCH_SIZE still override the consumer', () => {
    expect(read({ MESSAGING_CONCURRENCY: '3', MESSAGING_BATCH_SIZE: '7' }).messaging.consumer).toMatchObject({
      maxConcurrentBatches: 3,
      batchSize: 7,
    });
  });

  it('refuses a request wait as long as the RPC timeout: the refusal would come too late', () => {
    expect(() => read({ RECOMPUTATION_LOCK_WAIT: 'PT5S' })).toThrow(/RECOMPUTATION_LOCK_WAIT/);
  });
});
