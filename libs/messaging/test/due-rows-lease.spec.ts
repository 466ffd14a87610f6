import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { eventually } from '@envrefresh/testing';
import { dueRowMetrics } from '../src';
import { DueRowsBed, SCHEMA, leasedJob } from './support/due-rows-bed';

const LEASE_MS = 1_500;
/** The hanging worker's lease: long beside the spec's own steps, which a loaded CI machine may stall. */
const HUNG_LEASE_MS = 4_000;
const LEASED_WORKER = path.resolve(
  __dirname,
  '../../../dist/libs/testing/src/fixtures/leased-worker.main.js',
);

async function lostLeases(worker: string): Promise<number> {
  const { values } = await dueRowMetrics.lost.get();
  return values.find((value) => value.labels.worker === worker)?.value ?? 0;
}

describe('a leased claim', () => {
  let bed: DueRowsBed;

  beforeAll(async () => {
    bed = await DueRowsBed.create();
  });

  afterAll(async () => bed?.close());

  const job = async (id: number) =>
    (
      await bed.dataSource.query(
        `SELECT fired_at, outcome, attempts, lease_owner, leased_until, due_at FROM ${SCHEMA}.jobs WHERE id = $1`,
        [id],
      )
    )[0];

  it('of a worker whose call hangs is taken over once the lease runs out, and its late answer is dropped', async () => {
    await bed.addJobs(1, undefined, 1);
    // The first worker's call does not return while it matters: to the table, it looks dead. Its
    // one slot stays taken by the call, so it claims nothing more meanwhile. Its lease is long
    // enough that a busy machine cannot let it run out before the spec has looked at it.
    let answerLate: (value: string) => void = () => undefined;
    const hung = bed.worker(
      leasedJob(() => new Promise<string>((resolve) => (answerLate = resolve)), HUNG_LEASE_MS),
      { name: 'dies', batchSize: 1 },
    );
    hung.start();
    const survivor = bed.worker(
      leasedJob(async () => 'survivor'),
      { name: 'survives' },
      await bed.openDataSource(),
    );
    try {
      await eventually(async () => expect((await job(1)).lease_owner).toBe(hung.owner));
      // The database's own clock says when the lease runs out.
      const leasedUntil = new Date((await job(1)).leased_until as Date).getTime();
      survivor.start();
      // Within the lease, the row is left alone.
      await new Promise((resolve) => setTimeout(resolve, HUNG_LEASE_MS / 4));
      expect(await job(1)).toMatchObject({ fired_at: null, lease_owner: hung.owner });

      await eventually(async () => expect((await job(1)).outcome).toBe('survivor'), { timeoutMs: 15_000 });
      const taken = await job(1);
      expect(new Date(taken.fired_at as Date).getTime()).toBeGreaterThanOrEqual(leasedUntil);
      expect(taken).toMatchObject({ lease_owner: null, leased_until: null });

      // The "dead" worker comes back with its answer: it no longer holds the row, so it is dropped.
      answerLate('too late');
      await eventually(async () => expect(await lostLeases('dies')).toBe(1));
      expect((await job(1)).outcome).toBe('survivor');
    } finally {
      // Whatever failed above, neither worker may go on claiming the next spec's rows.
      answerLate('stopped');
      await Promise.all([hung.stop(), survivor.stop()]);
    }
  }, 40_000);

  it('of a worker process killed mid-call is taken over once the lease runs out', async () => {
    await bed.addJobs(3, undefined, 101);
    const child = spawn(process.execPath, [LEASED_WORKER], {
      env: { ...process.env, DATABASE_URL: bed.databaseUrl, LEASE_MS: String(LEASE_MS) },
      stdio: 'pipe',
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    try {
      await eventually(() => expect(output.match(/^running \d+$/gm)).toHaveLength(3), { timeoutMs: 20_000 });
    } finally {
      child.kill('SIGKILL');
    }
    await exited;
    const leasedBy = await bed.scalar(
      `SELECT count(DISTINCT lease_owner) FROM ${SCHEMA}.jobs WHERE id > 100 AND lease_owner IS NOT NULL`,
    );
    expect(leasedBy).toBe(1);

    const heir = bed.worker(leasedJob(async (row) => `heir ran ${row.id}`));
    heir.start();
    await eventually(
      async () =>
        expect(
          await bed.scalar(
            `SELECT count(*) FROM ${SCHEMA}.jobs WHERE id > 100 AND outcome LIKE 'heir ran %'`,
          ),
        ).toBe(3),
      { timeoutMs: 10_000 },
    );
    await heir.stop();
    expect(
      await bed.scalar(`SELECT count(*) FROM ${SCHEMA}.jobs WHERE id > 100 AND lease_owner IS NOT NULL`),
    ).toBe(0);
  }, 40_000);

  it('records a failed call in its own transaction and leaves the row due again later', async () => {
    await bed.addJobs(1, undefined, 2);
    const failing = bed.worker(
      leasedJob(async () => {
        throw new Error('receiver answered 503');
      }),
      { name: 'fails' },
    );
    await expect(failing.runOnce()).rejects.toThrow('1 of 1 rows failed: receiver answered 503');
    const row = await job(2);
    expect(row).toMatchObject({ fired_at: null, attempts: 1, outcome: 'failed: receiver answered 503' });
    expect(row.lease_owner).toBeNull();
    expect(new Date(row.due_at).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    // Not due now, so the next turn finds nothing.
    expect(await failing.runOnce()).toBe(0);
  });
});
