/**
 * SQLSTATEs that say the server is not there for this connection right now, not that the query
 * was wrong: class 08 (connection exception), 57P01–57P03 (administrator or crash shutdown, cannot
 * connect now: a restart), 53300 (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;

/** Socket errors node-postgres passes up when the server or the network went away. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTCONN',
]);

/** node-postgres's own words for a connection that ended or never came (it sets no code on them). */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /Cannot use a pool after calling end on the pool/,
];

/**
 * True when `error` (or what it wraps: TypeORM's `driverError`, a `cause`) says the database could
 * not be reached, rather than that the request was wrong: the caller may try again shortly, so a
 * service answers 503 for it, never 500.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const { code, message, driverError, cause } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET_CODES.has(code)))
    return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message)))
    return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}

/** deadlock_detected and serialization_failure: Postgres rolled the transaction back; the same request may succeed now. */
const RETRYABLE_SQLSTATE = new Set(['40P01', '40001']);

/**
 * True when the database rolled the transaction back because it collided with another (a
 * deadlock, a serialization failure): nothing of it happened, and sending it again is safe.
 */
export function isRetryableTransactionFailure(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const { code, driverError, cause } = error as { code?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof code === 'string' && RETRYABLE_SQLSTATE.has(code)) return true;
  return (
    isRetryableTransactionFailure(driverError, depth + 1) || isRetryableTransactionFailure(cause, depth + 1)
  );
}
