import type { EntityManager } from 'typeorm';

/**
 * Recomputations take turns. Two concurrent changes (two intents filed a moment apart) would each
 * compute what they touch before the other commits, and neither would see the other: both
 * conflicts lost. Holding one lock per transaction from before the affected intents are chosen
 * until commit makes every recomputation see every change committed before it.
 */
export interface RecomputationLock {
  /**
   * Waits for the lock (at most the pool's lock_timeout: work of the service's own, an event);
   * it is released when the transaction ends. Taking it twice is harmless.
   */
  acquire(manager: EntityManager): Promise<void>;
  /**
   * The same for a request somebody is waiting on: waits at most RECOMPUTATION_LOCK_WAIT, then
   * throws `recomputationBusy` (503 with Retry-After), so the caller learns in time that nothing
   * happened, instead of a timeout that leaves it guessing. Call it before anything else of the
   * transaction takes the lock: the later `acquire`s of the same transaction find it held and do
   * not wait.
   */
  acquireForRequest(manager: EntityManager): Promise<void>;
}

export const RECOMPUTATION_LOCK = Symbol('RecomputationLock');

/** RECOMPUTATION_LOCK_WAIT in milliseconds, for the lock's implementation. */
export const RECOMPUTATION_WAIT_MS = Symbol('RecomputationWaitMs');
