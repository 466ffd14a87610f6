import { Pool } from 'pg';
import { CheckPayload } from '../load/payloads';
import { PhaseResult, measurePhase } from './measure-phase';

/** The cheapest question behind a check: one environment's live bookings overlapping one window. */
export const FLOOR_SQL = `SELECT 1 FROM conflicts.bookings
 WHERE environment_id = $1 AND during && tstzrange($2, $3, '[)') AND cancelled_at IS NULL`;

/**
 * The floor: a single bare GiST overlap lookup through a plain node-postgres pool of the service's
 * size, at the same concurrency and on the same environments and windows as the checks.
 */
export async function measureFloor(
  databaseUrl: string,
  poolSize: number,
  concurrency: number,
  warmUp: readonly CheckPayload[],
  measured: readonly CheckPayload[],
): Promise<PhaseResult> {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: poolSize,
    application_name: 'envrefresh-conflicts-bench:floor',
  });
  try {
    return await measurePhase(databaseUrl, warmUp, measured, { concurrency }, (payload) =>
      pool.query(FLOOR_SQL, [payload.environmentId, payload.plannedStart, payload.plannedEnd]),
    );
  } finally {
    await pool.end();
  }
}
