import { DomainError } from '@envrefresh/kernel';

/**
 * Other recomputations held the lock longer than a request may wait: nothing was written, and the
 * same request (with the same Idempotency-Key) may be sent again after `retryAfterSeconds`.
 */
export function recomputationBusy(waitedMs: number, retryAfterSeconds: number): DomainError {
  return new DomainError(
    'unavailable',
    'CONFLICTS.RECOMPUTATION_BUSY',
    `Conflicts are being recomputed for other changes; nothing was changed after waiting ${waitedMs} ms; send the request again shortly`,
    { retryAfterSeconds },
  );
}
