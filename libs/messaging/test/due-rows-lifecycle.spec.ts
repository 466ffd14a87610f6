import { ManualClock } from '@envrefresh/kernel';
import { eventually } from '@envrefresh/testing';
import { OutboxRepository } from '../src';
import { DueRowsBed, SCHEMA, firingJob, leasedJob } from './support/due-rows-bed';

const DAY_MS = 86_400_000;

describe('a due-row worker', () => {
  let bed: DueRowsBed;

  beforeAll(async () => {
    bed = await DueRowsBed.create();
  });

  afterAll(async () => bed?.close());

  beforeEach(async () => {
    await bed.dataSource.query(`TRUNCATE ${SCHEMA}.jobs, ${SCHEMA}.runs, ${SCHEMA}.outbox`);
  });

  const fired = () => bed.scalar(`SELECT count(*) FROM ${SCHEMA}.jobs WHERE fired_at IS NOT NULL`);

  it('stopped with a batch in hand finishes it, commits it, and leaves the rest (transaction mode)', async () => {
    await bed.addJobs(20);
    let inHand!: () => void;
    const handling = new Promise<void>((resolve) => (inHand = resolve));
    const worker = bed.worker(
      firingJob(async () => {
        inHand();
        await new Promise((resolve) => setTimeout(resolve, 500));
      }),
      { batchSize: 5 },
    );
    worker.start();
    await handling;
    await worker.stop();
    expect(await fired()).toBe(5);
    // Nothing is left locked: another worker takes the rest.
    expect(
      await bed
        .worker(
          firingJob(async () => undefined),
          { batchSize: 50 },
        )
        .runOnce(),
    ).toBe(15);
  });

  it('stopped with a leased call in hand waits for it and records its outcome (leased mode)', async () => {
    await bed.addJobs(3);
    let inHand!: () => void;
    const calling = new Promise<void>((resolve) => (inHand = resolve));
    const worker = bed.worker(
      leasedJob(async (row) => {
        inHand();
        await new Promise((resolve) => setTimeout(resolve, 500));
        return `done ${row.id}`;
      }),
      { batchSize: 1 },
    );
    worker.start();
    await calling;
    await worker.stop();
    expect(await fired()).toBe(1);
    expect(await bed.scalar(`SELECT count(*) FROM ${SCHEMA}.jobs WHERE lease_owner IS NOT NULL`)).toBe(0);
  });

  it('commits the mark and the outbox row together, or neither (transaction mode)', async () => {
    await bed.addJobs(4);
    const outbox = new OutboxRepository(SCHEMA);
    let brokenAfter: number | undefined = 2;
    const worker = bed.worker(
      firingJob(async (manager, rows) => {
        for (const [index, row] of rows.entries()) {
          if (index === brokenAfter) throw new Error('the database refused the third outbox row');
          await outbox.append(manager, {
            id: `00000000-0000-4000-8000-${String(row.id).padStart(12, '0')}`,
            type: 'schedule.start_due',
            routingKey: 'schedule.start_due',
            payload: { jobId: row.id },
            headers: {},
          });
        }
      }),
    );
    await expect(worker.runOnce()).rejects.toThrow('third outbox row');
    expect(await fired()).toBe(0);
    expect(await bed.scalar(`SELECT count(*) FROM ${SCHEMA}.outbox`)).toBe(0);

    brokenAfter = undefined;
    expect(await worker.runOnce()).toBe(4);
    expect(await fired()).toBe(4);
    expect(await bed.scalar(`SELECT count(*) FROM ${SCHEMA}.outbox WHERE published_at IS NULL`)).toBe(4);
  });

  it('asks its clock what is due, so a test can move a whole process a day ahead', async () => {
    await bed.addJobs(1, new Date(Date.now() + DAY_MS / 2));
    expect(await bed.worker(firingJob(async () => undefined)).runOnce()).toBe(0);
    const tomorrow = new ManualClock(new Date(Date.now() + DAY_MS));
    expect(
      await bed
        .worker(
          firingJob(async () => undefined),
          { clock: tomorrow },
        )
        .runOnce(),
    ).toBe(1);
  });

  it('idle, is woken by a nudge long before its next poll', async () => {
    const worker = bed.worker(
      firingJob(async () => undefined),
      { pollIntervalMs: 60_000 },
    );
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await bed.addJobs(1);
    const nudgedAt = Date.now();
    worker.nudge();
    await eventually(async () => expect(await fired()).toBe(1), { timeoutMs: 5_000, intervalMs: 20 });
    expect(Date.now() - nudgedAt).toBeLessThan(5_000);
    await worker.stop();
  });

  it('backs off after a failure, and a nudge does not cut the back-off short', async () => {
    await bed.addJobs(1);
    let attempts = 0;
    const worker = bed.worker(
      firingJob(async () => {
        attempts += 1;
        throw new Error('broker away');
      }),
      { pollIntervalMs: 10, maxBackoffMs: 60_000 },
    );
    worker.start();
    // 200 ms, 400 ms, 800 ms…: about 3 attempts in the first second, not hundreds.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (let nudge = 0; nudge < 20; nudge += 1) worker.nudge();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await worker.stop();
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(5);
  });
});
