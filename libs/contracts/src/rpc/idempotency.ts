/**
 * A creating command may carry the caller's `Idempotency-Key`: the same key with the same body
 * replays the first response; the same key with another body is a 422 problem.
 */
export interface Idempotent {
  idempotencyKey?: string;
}
