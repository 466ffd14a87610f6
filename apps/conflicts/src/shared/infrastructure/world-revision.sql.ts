import { EntityManager } from 'typeorm';

/** The one recomputation lock of the service: transaction-scoped, shared by every replica. */
export async function takeRecomputationLock(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('envrefresh.conflicts.recompute'))`);
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
