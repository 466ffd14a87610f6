import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RecomputationLock } from '../application/recomputation-lock.port';
import { takeRecomputationLock } from '../../shared/infrastructure/world-revision.sql';

/** A transaction-scoped Postgres advisory lock, shared by every replica of the service. */
@Injectable()
export class AdvisoryRecomputationLock implements RecomputationLock {
  async acquire(manager: EntityManager): Promise<void> {
    await takeRecomputationLock(manager);
  }
}
