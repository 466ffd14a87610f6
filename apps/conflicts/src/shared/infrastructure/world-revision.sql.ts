import { EntityManager } from 'typeorm';

const TAKE_LOCK = `SELECT pg_advisory_xact_lock(hashtext('envrefresh.conflicts.recompute'))`;

/** The one recomputation lock of the service: transaction-scoped, shared by every replica. */
export async function takeRecomputationLock(manager: EntityManager): Promise<void> {
  await manager.query(TAKE_LOCK);
}

/**
 * The same lock, waiting at most `waitMs` (then 55P03, lock_not_available, which aborts the
 * transaction): lock_timeout is lowered for this one statement and put back to the pool's value,
 * so whatever else the transaction waits for keeps the pool's limit.
 */
export async function takeRecomputationLockWithin(manager: EntityManager, waitMs: number): Promise<void> {
  const [{ previous }] = (await manager.query(
    `SELECT current_setting('lock_timeout') AS previous, set_config('lock_timeout', $1, true) AS lowered`,
    [`${Math.max(1, Math.round(waitMs))}ms`],
  )) as { previous: string }[];
  await manager.query(TAKE_LOCK);
  await manager.query(`SELECT set_config('lock_timeout', $1, true)`, [previous]);
}

/**
 * Tells every replica that its cached world (catalog and windows) is stale, under the
 * recomputation lock. One lock order for every transaction: the recomputation lock, then the
 * world revision's row. A window written before its recomputation took the lock, and a
 * recomputation that caught up an environment under it, deadlocked the other way round (the
 * fault harness found it after a broker restart). Taking the advisory lock again later in the
 * same transaction is free: Postgres stacks it.
 */
export async function bumpWorldRevision(manager: EntityManager): Promise<void> {
  await takeRecomputationLock(manager);
  await manager.query(
    `UPDATE conflicts.world_revision SET revision = nextval('conflicts.world_revision_seq')`,
  );
}
