import { eventually } from '@envrefresh/testing';
import { DueRowsBed, SCHEMA, firingJob, leasedJob } from './support/due-rows-bed';

const WORKERS = 4;

/** Several workers, each with its own pool as replicas would have, racing for one table. */
describe('due-row workers sharing one table', () => {
  let bed: DueRowsBed;

  beforeAll(async () => {
    bed = await DueRowsBed.create();
  });

  afterAll(async () => bed?.close());

  const runs = () => bed.scalar(`SELECT count(*) FROM ${SCHEMA}.runs`);
  const distinctRuns = () => bed.scalar(`SELECT count(DISTINCT job_id) FROM ${SCHEMA}.runs`);
  const unfired = () => bed.scalar(`SELECT count(*) FROM ${SCHEMA}.jobs WHERE fired_at IS NULL`);

  it('never fire a row twice in the transaction mode (locked claims)', async () => {
    await bed.addJobs(600);
    const workers = [];
    for (let index = 0; index < WORKERS; index += 1) {
      const name = `locked-${index}`;
      workers.push(
        bed.worker(
          firingJob(async (manager, rows) => {
            await manager.query(`INSERT INTO ${SCHEMA}.runs (job_id, worker) SELECT unnest($1::int[]), $2`, [
              rows.map((row) => row.id),
              name,
            ]);
          }),
          { name, batchSize: 7 },
          await bed.openDataSource(),
        ),
      );
    }
    workers.forEach((worker) => worker.start());
    await eventually(async () => expect(await unfired()).toBe(0), { timeoutMs: 60_000 });
    await Promise.all(workers.map((worker) => worker.stop()));

    expect(await runs()).toBe(600);
    expect(await distinctRuns()).toBe(600);
    // The claims really raced: more than one worker took part.
    expect(await bed.scalar(`SELECT count(DISTINCT worker) FROM ${SCHEMA}.runs`)).toBeGreaterThan(1);
  }, 90_000);

  it('never run a row twice in the leased mode, whose runs happen outside any transaction', async () => {
    await bed.dataSource.query(`TRUNCATE ${SCHEMA}.runs`);
    await bed.addJobs(300, undefined, 1001);
    const workers = [];
    for (let index = 0; index < WORKERS; index += 1) {
      const name = `leased-${index}`;
      workers.push(
        bed.worker(
          leasedJob(async (row) => {
            // A call to the outside world takes a while; other workers claim meanwhile.
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
            await bed.dataSource.query(`INSERT INTO ${SCHEMA}.runs (job_id, worker) VALUES ($1, $2)`, [
              row.id,
              name,
            ]);
            return name;
          }),
          { name, batchSize: 5 },
          await bed.openDataSource(),
        ),
      );
    }
    workers.forEach((worker) => worker.start());
    await eventually(async () => expect(await unfired()).toBe(0), { timeoutMs: 60_000 });
    await Promise.all(workers.map((worker) => worker.stop()));

    expect(await runs()).toBe(300);
    expect(await distinctRuns()).toBe(300);
    expect(await bed.scalar(`SELECT count(DISTINCT worker) FROM ${SCHEMA}.runs`)).toBeGreaterThan(1);
    // Each outcome was recorded by the worker that ran it, and no lease is left behind.
    expect(
      await bed.scalar(
        `SELECT count(*) FROM ${SCHEMA}.jobs j JOIN ${SCHEMA}.runs r ON r.job_id = j.id WHERE j.outcome = r.worker`,
      ),
    ).toBe(300);
    expect(await bed.scalar(`SELECT count(*) FROM ${SCHEMA}.jobs WHERE lease_owner IS NOT NULL`)).toBe(0);
  }, 90_000);
});
