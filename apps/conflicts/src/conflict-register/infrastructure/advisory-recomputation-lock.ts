import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecomputationLock } from '../application/recomputation-lock.port';

/** A transaction-scoped Postgres advisory lock, shared by every replica of the service. */
@Injectable()
export class AdvisoryRecomputationLock implements RecomputationLock {
  async acquire(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('envrefresh.conflicts.recompute'))`);
  }
}
