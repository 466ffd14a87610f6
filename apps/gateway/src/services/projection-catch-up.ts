/**
 * How long a write's 2xx waits for one projector to take the change in (ADR 0014). Far above a
 * catch-up's usual few milliseconds, so read-your-writes holds under load; far below the RPC
 * timeout, so a projector that is down slows each write by this much at most until its circuit
 * opens, after which it is not asked at all.
 */
export const PROJECTION_CATCH_UP_WAIT_MS = 2_000;
