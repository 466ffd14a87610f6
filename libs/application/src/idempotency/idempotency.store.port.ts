import type { EntityManager } from 'typeorm';

/** One caller's key: keys of different callers never meet. */
export interface IdempotencyScope {
  actorSub: string;
  key: string;
}

export interface RememberedRequest {
  requestHash: string;
  response: unknown;
}

/** Keys and the first response given for them, written in the transaction of the resource they created. */
export interface IdempotencyStore {
  /**
   * Takes the key for this transaction: null when it was free (this transaction now holds it, and a
   * concurrent claim of the same key waits for it to commit or roll back); otherwise what the
   * committed holder recorded.
   */
  claim(
    manager: EntityManager,
    scope: IdempotencyScope,
    requestHash: string,
  ): Promise<RememberedRequest | null>;
  remember(manager: EntityManager, scope: IdempotencyScope, response: unknown): Promise<void>;
}

export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
