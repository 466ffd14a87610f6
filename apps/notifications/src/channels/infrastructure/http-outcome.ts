import { OutboundError, OutboundErrorCode } from '@envrefresh/outbound';
import { AttemptOutcome } from '../application/channel-sender.port';
import { retryAfterMs } from '../domain/retry-after';

/** The refusals of the outbound policy and a bad target: the same request will never succeed. */
const NEVER_RETRIED: readonly OutboundErrorCode[] = [
  'OUTBOUND.INVALID_URL',
  'OUTBOUND.SCHEME_REFUSED',
  'OUTBOUND.ADDRESS_REFUSED',
  'OUTBOUND.REDIRECT_REFUSED',
];

/** Statuses worth trying again (RFC 9110: the server may well answer otherwise later). */
function isRetriedStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** 2xx SENT, 410 GONE, 408/429/5xx RETRY (with their Retry-After), any other status REJECTED. */
export function outcomeOfStatus(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  durationMs: number,
  now: Date,
): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: 'SENT', statusCode: status, durationMs };
  if (status === 410) return { kind: 'GONE', statusCode: 410, durationMs };
  if (isRetriedStatus(status))
    return {
      kind: 'RETRY',
      statusCode: status,
      error: `HTTP ${status}`,
      retryAfterMs: retryAfterMs(headers['retry-after'], now),
      durationMs,
    };
  return { kind: 'REJECTED', statusCode: status, error: `HTTP ${status}`, durationMs };
}

/**
 * A call that got no acceptable response: policy refusals and redirects are REJECTED (a webhook
 * that moved is updated by its owner, never followed), timeouts, failed connections, DNS failures
 * and oversized answers are RETRY. The message names the origin, never the path (a Slack or
 * Teams URL's path is its secret).
 */
export function outcomeOfError(error: unknown, durationMs: number): AttemptOutcome {
  if (error instanceof OutboundError) {
    const message = `${error.code}: ${error.message}`;
    if (NEVER_RETRIED.includes(error.code))
      return { kind: 'REJECTED', statusCode: error.details.status ?? null, error: message, durationMs };
    return { kind: 'RETRY', statusCode: null, error: message, retryAfterMs: null, durationMs };
  }
  return {
    kind: 'RETRY',
    statusCode: null,
    error: `unexpected: ${(error as Error)?.message ?? String(error)}`,
    retryAfterMs: null,
    durationMs,
  };
}
