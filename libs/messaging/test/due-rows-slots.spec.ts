import { eventually } from '@envrefresh/testing';
import { NotStarted } from '../src';
import { dueRowMetrics } from '../src/due-rows/due-row-metrics';
import { DueRowsBed, SCHEMA, leasedJob } from './support/due-rows-bed';

/** Lease mode keeps its slots busy: a row settled frees its slot at once, and outcomes settle together. */
describe('a leased worker’s slots', () => {
  let bed: DueRowsBed;

  beforeAll(async () => {
    bed = await DueRowsBed.create();
  });

  afterAll(async () => bed?.close());

  const fired = (from: number, to: number) =>
    bed.scalar(`SELECT count(*) FROM ${SCHEMA}.jobs WHERE id BETWEEN $1 AND $2 AND fired_at IS NOT NULL`, [
      from,
      to,
    ]);

  it('are claimed into as soon as a row settles, so a hanging call holds one slot and the rest flow past it', async () => {
    await bed.addJobs(1, new Date(Date.now() - 60_000), 1);
    await bed.addJobs(30, undefined, 2);
    let release!: (value: string) => void;
    const hanging = new Promise<string>((resolve) => (release = resolve));
    const worker = bed.worker(
      leasedJob(async (row) => (row.id === 1 ? hanging : `ran ${row.id}`)),
      { name: 'slots', batchSize: 3 },
    );
    worker.start();
    // Three slots and thirty quick rows behind the hanging one: awaiting whole batches, they would
    // wait for it; claimed into freed slots, they all finish while it still hangs.
    await eventually(async () => expect(await fired(2, 31)).toBe(30), { timeoutMs: 10_000 });
    expect(await fired(1, 1)).toBe(0);
    release('ran 1');
    await eventually(async () => expect(await fired(1, 1)).toBe(1));
    await worker.stop();
  });

  it('count the rows a job works one after another as one slot', async () => {
    await bed.addJobs(8, undefined, 1301);
    let release!: (value: string) => void;
    const hanging = new Promise<string>((resolve) => (release = resolve));
    const job = leasedJob(async (row) => (row.id <= 1304 ? hanging : `ran ${row.id}`));
    // Up to four rows per slot, as deliveries lease a destination's head and those due after it.
    job.table = {
      ...job.table,
      candidates: `SELECT id FROM ${SCHEMA}.jobs WHERE fired_at IS NULL AND due_at <= $1
          AND (leased_until IS NULL OR leased_until < clock_timestamp())
        ORDER BY due_at, id LIMIT $2 * 4 FOR UPDATE SKIP LOCKED`,
    };
    job.slotOf = (row) => String(Math.floor((row.id - 1301) / 4));
    const worker = bed.worker(job, { name: 'shared-slots', batchSize: 2 });
    worker.start();
    await eventually(async () => expect(await fired(1305, 1308)).toBe(4), { timeoutMs: 10_000 });
    // Two slots: the four hanging rows hold one of them, so rows added now are claimed into the other.
    await bed.addJobs(4, undefined, 1309);
    worker.nudge();
    await eventually(async () => expect(await fired(1309, 1312)).toBe(4), { timeoutMs: 10_000 });
    expect(await fired(1301, 1304)).toBe(0);
    release('ran');
    await eventually(async () => expect(await fired(1301, 1304)).toBe(4));
    await worker.stop();
  });

  it('release rows whose work was not started, record nothing of them, and claim them again', async () => {
    await bed.addJobs(3, undefined, 1401);
    const job = leasedJob(async (row) => `ran ${row.id}`);
    let turn = 0;
    job.start = (rows) => {
      turn += 1;
      return rows.map((row) =>
        turn === 1 && row.id !== 1401
          ? Promise.reject(new NotStarted('not this turn'))
          : Promise.resolve(`ran ${row.id}`),
      );
    };
    const worker = bed.worker(job, { name: 'not-started', batchSize: 10 });
    expect(await worker.runOnce()).toBe(1);
    expect(await fired(1401, 1403)).toBe(1);
    const untouched = `SELECT count(*) FROM ${SCHEMA}.jobs WHERE id IN (1402, 1403)
        AND attempts = 0 AND outcome IS NULL AND lease_owner IS NULL AND leased_until IS NULL`;
    expect(await bed.scalar(untouched)).toBe(2);
    expect(await worker.runOnce()).toBe(2);
    expect(await fired(1401, 1403)).toBe(3);
  });

  it('settle outcomes that finish together in one transaction', async () => {
    await bed.addJobs(20, undefined, 101);
    const job = leasedJob(async (row) => `ran ${row.id}`);
    const settledTogether: number[] = [];
    const settle = job.settle.bind(job);
    job.settle = async (manager, settled, batch) => {
      settledTogether.push(settled.length);
      await settle(manager, settled, batch);
    };
    const worker = bed.worker(job, { name: 'together', batchSize: 20 });
    expect(await worker.runOnce()).toBe(20);
    expect(await fired(101, 120)).toBe(20);
    expect(settledTogether.reduce((sum, size) => sum + size, 0)).toBe(20);
    // Twenty calls answering at once: the first finished opens a transaction, the rest share the next.
    expect(settledTogether.length).toBeLessThan(20);
    expect(await bed.scalar(`SELECT count(*) FROM ${SCHEMA}.jobs WHERE lease_owner IS NOT NULL`)).toBe(0);
  });

  it('renews a lease before recording only when the row has less than nearly a whole lease left', async () => {
    const LEASE_MS = 2_000;
    const renewals = async (worker: string) =>
      (await dueRowMetrics.renewed.get()).values.find((value) => value.labels.worker === worker)?.value ?? 0;
    await bed.addJobs(1, undefined, 151);
    await bed.addJobs(1, undefined, 161);
    // A call that answers at once leaves its lease all but whole: recorded without a renewal.
    const quick = bed.worker(
      leasedJob(async (row) => `ran ${row.id}`, LEASE_MS),
      { name: 'renew-quick', batchSize: 1 },
    );
    expect(await quick.runOnce()).toBe(1);
    expect(await renewals('renew-quick')).toBe(0);
    // One that takes a third of its lease (not long enough for the periodic renewal): renewed first.
    const slow = bed.worker(
      leasedJob(async (row) => {
        await new Promise((resolve) => setTimeout(resolve, LEASE_MS / 3));
        return `ran ${row.id}`;
      }, LEASE_MS),
      { name: 'renew-slow', batchSize: 1 },
    );
    expect(await slow.runOnce()).toBe(1);
    expect(await renewals('renew-slow')).toBe(1);
    expect(await fired(151, 161)).toBe(2);
  });

  it('records an outcome again when recording failed, rather than leave the row to be run a second time', async () => {
    await bed.addJobs(1, undefined, 201);
    let runs = 0;
    const job = leasedJob(async (row) => {
      runs += 1;
      return `ran ${row.id}`;
    });
    const settle = job.settle.bind(job);
    let refused = false;
    job.settle = async (manager, settled, batch) => {
      if (!refused) {
        refused = true;
        throw new Error('canceling statement due to lock timeout');
      }
      await settle(manager, settled, batch);
    };
    const worker = bed.worker(job, { name: 'again', batchSize: 2 });
    worker.start();
    await eventually(async () => expect(await fired(201, 201)).toBe(1));
    await worker.stop();
    expect(refused).toBe(true);
    expect(runs).toBe(1);
    expect(
      await bed.scalar(`SELECT count(*) FROM ${SCHEMA}.jobs WHERE id = 201 AND lease_owner IS NOT NULL`),
    ).toBe(0);
  });

  it('renews the lease of an outcome waiting to be recorded, so another replica never runs that row again', async () => {
    const LEASE_MS = 1_500;
    await bed.addJobs(2, undefined, 301);
    const ran = (worker: string) => async (row: { id: number }) => {
      await bed.dataSource.query(`INSERT INTO ${SCHEMA}.runs (job_id, worker) VALUES ($1, $2)`, [
        row.id,
        worker,
      ]);
      // 302 finishes a moment after 301, so its outcome waits behind 301's recording.
      if (row.id === 302) await new Promise((resolve) => setTimeout(resolve, 200));
      return `ran ${row.id} on ${worker}`;
    };
    const slow = leasedJob(ran('a'), LEASE_MS);
    const settle = slow.settle.bind(slow);
    let slowed = false;
    slow.settle = async (manager, settled, batch) => {
      // The first recording takes far longer than a lease: the pool full, a lock wait, a loaded database.
      if (!slowed) {
        slowed = true;
        await new Promise((resolve) => setTimeout(resolve, 3 * LEASE_MS));
      }
      await settle(manager, settled, batch);
    };
    const first = bed.worker(slow, { name: 'renews-a', batchSize: 2 });
    const other = bed.worker(
      leasedJob(ran('b'), LEASE_MS),
      { name: 'renews-b', batchSize: 2 },
      await bed.openDataSource(),
    );
    const settled = first.runOnce();
    await eventually(async () =>
      expect(await bed.scalar(`SELECT count(*) FROM ${SCHEMA}.runs WHERE job_id IN (301, 302)`)).toBe(2),
    );
    // Another replica polls all along, as it would in production.
    other.start();
    await expect(settled).resolves.toBe(2);
    await other.stop();

    const runs: { job_id: number; worker: string }[] = await bed.dataSource.query(
      `SELECT job_id, worker FROM ${SCHEMA}.runs WHERE job_id IN (301, 302) ORDER BY job_id, worker`,
    );
    expect(runs).toEqual([
      { job_id: 301, worker: 'a' },
      { job_id: 302, worker: 'a' },
    ]);
    expect(await fired(301, 302)).toBe(2);
  }, 30_000);

  it('keeps the lease through a recording that fails after a long lock wait, so the row is recorded, not run again', async () => {
    const LEASE_MS = 3_000;
    await bed.addJobs(1, undefined, 401);
    const ran = (worker: string) => async (row: { id: number }) => {
      await bed.dataSource.query(`INSERT INTO ${SCHEMA}.runs (job_id, worker) VALUES ($1, $2)`, [
        row.id,
        worker,
      ]);
      // A slow call: most of the lease is gone when its outcome is known.
      if (worker === 'a') await new Promise((resolve) => setTimeout(resolve, 2_000));
      return `ran ${row.id} on ${worker}`;
    };
    const job = leasedJob(ran('a'), LEASE_MS);
    const settle = job.settle.bind(job);
    let refused = false;
    job.settle = async (manager, settled, batch) => {
      // The first recording holds its row locked, waits, and is cut (lock_timeout under load).
      if (!refused) {
        refused = true;
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        throw new Error('canceling statement due to lock timeout');
      }
      await settle(manager, settled, batch);
    };
    const first = bed.worker(job, { name: 'keeps-a', batchSize: 1 });
    const other = bed.worker(
      leasedJob(ran('b'), LEASE_MS),
      { name: 'keeps-b', batchSize: 1 },
      await bed.openDataSource(),
    );
    first.start();
    await eventually(async () =>
      expect(await bed.scalar(`SELECT count(*) FROM ${SCHEMA}.runs WHERE job_id = 401`)).toBe(1),
    );
    // Another replica polls all along, as it would in production.
    other.start();
    await eventually(async () => expect(await fired(401, 401)).toBe(1), { timeoutMs: 15_000 });
    await Promise.all([first.stop(), other.stop()]);
    expect(refused).toBe(true);
    const runs: { job_id: number; worker: string }[] = await bed.dataSource.query(
      `SELECT job_id, worker FROM ${SCHEMA}.runs WHERE job_id = 401`,
    );
    expect(runs).toEqual([{ job_id: 401, worker: 'a' }]);
  }, 30_000);
  it('cuts a recording stuck behind a lock before its lease runs out, keeps the row and records it once the lock is free', async () => {
    const LEASE_MS = 3_000;
    const LOCK_HELD_MS = 6_000;
    await bed.addJobs(1, undefined, 501);
    await bed.dataSource.query(`CREATE TABLE ${SCHEMA}.gate (id int PRIMARY KEY)`);
    await bed.dataSource.query(`INSERT INTO ${SCHEMA}.gate VALUES (1)`);
    const ran = (worker: string) => async (row: { id: number }) => {
      await bed.dataSource.query(`INSERT INTO ${SCHEMA}.runs (job_id, worker) VALUES ($1, $2)`, [
        row.id,
        worker,
      ]);
      return `ran ${row.id} on ${worker}`;
    };
    // Another transaction holds a lock the settle needs (a destination's head, in notifications)
    // for twice the lease; the pool's lock_timeout (10 s) would let the settle wait all along.
    const blocker = bed.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`SELECT 1 FROM ${SCHEMA}.gate WHERE id = 1 FOR UPDATE`);
    const job = leasedJob(ran('a'), LEASE_MS);
    const settle = job.settle.bind(job);
    const attempts: number[] = [];
    job.settle = async (manager, settled, batch) => {
      const started = Date.now();
      try {
        await manager.query(`SELECT 1 FROM ${SCHEMA}.gate WHERE id = 1 FOR UPDATE`);
        await settle(manager, settled, batch);
      } finally {
        attempts.push(Date.now() - started);
      }
    };
    const first = bed.worker(job, { name: 'bounded-a', batchSize: 1 }, await bed.openDataSource());
    const other = bed.worker(
      leasedJob(ran('b'), LEASE_MS),
      { name: 'bounded-b', batchSize: 1 },
      await bed.openDataSource(),
    );
    first.start();
    await eventually(async () =>
      expect(await bed.scalar(`SELECT count(*) FROM ${SCHEMA}.runs WHERE job_id = 501`)).toBe(1),
    );
    // Another replica polls all along, as it would in production.
    other.start();
    await new Promise((resolve) => setTimeout(resolve, LOCK_HELD_MS));
    await blocker.commitTransaction();
    await blocker.release();
    await eventually(async () => expect(await fired(501, 501)).toBe(1), { timeoutMs: 15_000 });
    await Promise.all([first.stop(), other.stop()]);
    const runs: { worker: string }[] = await bed.dataSource.query(
      `SELECT worker FROM ${SCHEMA}.runs WHERE job_id = 501`,
    );
    expect(runs).toEqual([{ worker: 'a' }]);
    // Every attempt ended, recorded or cut, while the lease it held still ran.
    expect(attempts.length).toBeGreaterThan(1);
    expect(Math.max(...attempts)).toBeLessThan(LEASE_MS);
  }, 40_000);
});
