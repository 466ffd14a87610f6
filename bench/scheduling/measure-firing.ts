import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OutboxRepository } from '@envrefresh/messaging';
import { LatencySummary, nowMs, summarizeLatencies } from '../support/latency';
import { FiringReplicas } from './firing-replicas';
import { makeDue } from './seed-schedules';

export interface FiringPhase {
  replicas: number;
  jobs: number;
  /** All due at once: how fast the replicas drain them. */
  jobsPerSecond: number;
  /** Due at `dueRate` per second: firedAt − dueAt. */
  lag: LatencySummary;
  dueRate: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function firedAmong(dataSource: DataSource, firstSchedule: number, count: number): Promise<number> {
  const [row] = await dataSource.query(
    `SELECT count(*)::int AS n FROM scheduling.jobs
      WHERE id IN (SELECT md5('job' || g || '-4')::uuid FROM generate_series($1::int, $1::int + $2::int - 1) g)
        AND status = 'FIRED'`,
    [firstSchedule, count],
  );
  return row.n;
}

async function waitFired(dataSource: DataSource, firstSchedule: number, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while ((await firedAmong(dataSource, firstSchedule, count)) < count) {
    if (Date.now() > deadline) throw new Error(`not all ${count} jobs fired within ${timeoutMs} ms`);
    await pause(50);
  }
}

/**
 * Two measurements per replica count, each on seeded START jobs of its own: `jobs` made due at
 * once (throughput), then `jobs` falling due at `dueRate` per second (lag).
 */
export async function measureFiring(
  dataSource: DataSource,
  databaseUrl: string,
  options: { replicas: number; jobs: number; dueRate: number; batchSize: number; pollIntervalMs: number },
  firstSchedule: number,
): Promise<FiringPhase> {
  const { replicas, jobs, dueRate } = options;
  // Started idle first, so their pools and first polls are not counted.
  const workers = await FiringReplicas.start(databaseUrl, replicas, options);
  try {
    await pause(500);
    const started = nowMs();
    await makeDue(dataSource, firstSchedule, jobs, new Date(Date.now() - 1000), 0);
    await waitFired(dataSource, firstSchedule, jobs, 600_000);
    const jobsPerSecond = jobs / ((nowMs() - started) / 1000);

    const paced = firstSchedule + jobs;
    await makeDue(dataSource, paced, jobs, new Date(Date.now() + 2000), dueRate);
    await waitFired(dataSource, paced, jobs, 600_000 + (jobs / dueRate) * 1000);
    const rows: Array<{ lag_ms: number }> = await dataSource.query(
      `SELECT extract(epoch FROM (fired_at - due_at)) * 1000 AS lag_ms FROM scheduling.jobs
        WHERE id IN (SELECT md5('job' || g || '-4')::uuid FROM generate_series($1::int, $1::int + $2::int - 1) g)`,
      [paced, jobs],
    );
    return {
      replicas,
      jobs,
      jobsPerSecond,
      dueRate,
      lag: summarizeLatencies(rows.map((row) => Number(row.lag_ms))),
    };
  } finally {
    await workers.stop();
  }
}

/** The floor under firing: bare outbox inserts, in transactions of the worker's batch size. */
export async function measureRawOutboxInserts(
  dataSource: DataSource,
  rows: number,
  batchSize: number,
): Promise<number> {
  const outbox = new OutboxRepository('scheduling');
  const payload = { type: 'schedule.start_due', data: { padding: 'x'.repeat(1500) } };
  const started = nowMs();
  for (let done = 0; done < rows; done += batchSize) {
    await dataSource.transaction(async (manager) => {
      for (let index = done; index < Math.min(rows, done + batchSize); index += 1) {
        const id = randomUUID();
        await outbox.append(manager, {
          id,
          type: 'bench.raw',
          routingKey: 'bench.raw',
          payload: { ...payload, id },
          headers: { 'x-correlation-id': id },
        });
      }
    });
  }
  return rows / ((nowMs() - started) / 1000);
}
