import type { EntityManager } from 'typeorm';

/**
 * Recomputations take turns. Two concurrent changes (two intents filed a moment apart) would each
 * compute what they touch before the other commits, and neither would see the other: both
 * conflicts lost. Holding one lock per transaction from before the affected intents are chosen
 * until commit makes every recomputation see every change committed before it.
 */
export interface RecomputationLock {
  /** Waits for the lock; it is released when the transaction ends. Taking it twice is harmless. */
  acquire(manager: EntityManager): Promise<void>;
}

export const RECOMPUTATION_LOCK = Symbol('RecomputationLock');
