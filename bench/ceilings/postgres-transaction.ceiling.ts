import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { CpuCost, startCpuMeter } from '../support/cpu-meter';
import { LatencySummary, nowMs, summarizeLatencies } from '../support/latency';

export interface PostgresCeiling {
  transactions: number;
  workers: number;
  perSecond: number;
  latency: LatencySummary;
  cpu: CpuCost;
}

const POOL_SIZE = 10;
const WORKERS = 10;

/**
 * The database's ceiling for the smallest unit of work an event needs: node-postgres, pool of 10,
 * 10 workers each running `BEGIN; INSERT one row; COMMIT` back to back on a checked-out client.
 */
export async function measurePostgresCeiling(
  databaseUrl: string,
  transactions: number,
): Promise<PostgresCeiling> {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: POOL_SIZE,
    application_name: 'envrefresh-bench-ceiling',
  });
  try {
    await pool.query(
      'CREATE TABLE ceiling_rows (id uuid PRIMARY KEY, note text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
    );
    await runTransactions(pool, Math.min(2000, Math.ceil(transactions / 10)));
    const cpuOf = startCpuMeter();
    const started = nowMs();
    const latencies = await runTransactions(pool, transactions);
    const elapsedMs = nowMs() - started;
    const cpu = cpuOf(transactions);
    return {
      transactions,
      workers: WORKERS,
      perSecond: (transactions * 1000) / elapsedMs,
      latency: summarizeLatencies(latencies),
      cpu,
    };
  } finally {
    await pool.end();
  }
}

async function runTransactions(pool: Pool, count: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const started = nowMs();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO ceiling_rows (id, note) VALUES ($1, $2)', [randomUUID(), 'ceiling']);
        await client.query('COMMIT');
        client.release();
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      latencies.push(nowMs() - started);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return latencies;
}
