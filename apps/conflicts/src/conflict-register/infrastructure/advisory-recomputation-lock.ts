import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { isDatabaseTimeout } from '@envrefresh/application';
import { RECOMPUTATION_WAIT_MS, RecomputationLock } from '../application/recomputation-lock.port';
import { recomputationBusy } from '../domain/recomputation.errors';
import {
  takeRecomputationLock,
  takeRecomputationLockWithin,
} from '../../shared/infrastructure/world-revision.sql';

/** The wait a client is told to leave before sending a busy request again. */
const RETRY_AFTER_SECONDS = 1;

/** A transaction-scoped Postgres advisory lock, shared by every replica of the service. */
@Injectable()
export class AdvisoryRecomputationLock implements RecomputationLock {
  constructor(@Inject(RECOMPUTATION_WAIT_MS) private readonly requestWaitMs: number) {}

  async acquire(manager: EntityManager): Promise<void> {
    await takeRecomputationLock(manager);
  }

  async acquireForRequest(manager: EntityManager): Promise<void> {
    try {
      await takeRecomputationLockWithin(manager, this.requestWaitMs);
    } catch (error) {
      if (isDatabaseTimeout(error)) throw recomputationBusy(this.requestWaitMs, RETRY_AFTER_SECONDS);
      throw error;
    }
  }
}
