import { randomUUID } from 'node:crypto';
import { sanitizeCorrelationId } from '../correlation/correlation-context';

export const REQUEST_ID_HEADER = 'x-request-id';

/** The caller's X-Request-Id when it is safe to echo into logs and headers, else a new one. */
export function resolveRequestId(header: string | string[] | undefined): string {
  return sanitizeCorrelationId(header) ?? randomUUID();
}
