import type { EntityManager } from 'typeorm';
import type { SqlWrite } from '@envrefresh/persistence';

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
  /**
   * The claim and the response as one plain INSERT, for a command sent as one statement: it waits
   * behind an uncommitted claim of the same key like `claim`, and fails the whole statement (see
   * `isTaken`) when the key is already held.
   */
  claimWrite(scope: IdempotencyScope, requestHash: string, response: unknown): SqlWrite;
  /** Whether a statement failed because `claimWrite`'s key was already taken. */
  isTaken(error: unknown): boolean;
  /** What the committed holder of the key recorded; null when nobody holds it. */
  remembered(manager: EntityManager, scope: IdempotencyScope): Promise<RememberedRequest | null>;
}

export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
