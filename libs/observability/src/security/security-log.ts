import type { LoggerService } from '@nestjs/common';
import { CorrelationContext } from '../correlation/correlation-context';
import { REDACTION_CENSOR, isSecretField } from '../logging/secret-fields';

/**
 * Every security decision worth an auditor's attention (a refused login, a 403, an override, an
 * approval) is one JSON line carrying `security: true`, so an operator ships them to a SIEM with a
 * single filter on that field (docs/operations.md). The line names who did what and how it ended,
 * never the credential that was presented.
 */
export const SECURITY_LOG_MESSAGE = 'security event';

export type SecurityOutcome = 'refused' | 'allowed';

export interface SecurityEvent {
  /** What was attempted, dotted and stable: `auth.login`, `intent.approve`, `conflict.override`. */
  action: string;
  outcome: SecurityOutcome;
  /** The caller's `sub` when known; a refused login has none. */
  actor?: string;
  /** Why it ended this way, in words an auditor reads (`token expired`, `not in owner group`). */
  reason: string;
  /** Defaults to the correlation of the work in hand. */
  correlationId?: string;
  /** Which intent, conflict or route; scrubbed of anything that looks like a credential. */
  details?: Record<string, unknown>;
}

/** The fields of one security line, as written. */
export interface SecurityLogLine {
  msg: typeof SECURITY_LOG_MESSAGE;
  security: true;
  action: string;
  outcome: SecurityOutcome;
  actor?: string;
  reason: string;
  correlationId?: string;
  details?: Record<string, unknown>;
}

type SecurityLogger = Pick<LoggerService, 'warn'>;

/**
 * Writes one security line, at `warn` whatever the outcome: an audit trail must not thin out
 * when an operator turns LOG_LEVEL down to `warn`, the level services often run at. Tell lines
 * apart by `security` and `outcome`, not by level.
 */
export function recordSecurityEvent(logger: SecurityLogger, event: SecurityEvent): void {
  logger.warn(securityLogLine(event));
}

export function securityLogLine(event: SecurityEvent): SecurityLogLine {
  const correlationId = event.correlationId ?? CorrelationContext.current()?.correlationId;
  return {
    msg: SECURITY_LOG_MESSAGE,
    security: true,
    action: scrubText(event.action),
    outcome: event.outcome,
    ...(event.actor === undefined ? {} : { actor: scrubText(event.actor) }),
    reason: scrubText(event.reason),
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(event.details === undefined ? {} : { details: scrubRecord(event.details, 0) }),
  };
}

// The logger scrubs fields by name; details are free-form, so beyond that they are scrubbed by
// value shape too (a token pasted into a sentence), and bounded in depth and length.
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const MAX_DEPTH = 4;
const MAX_STRING = 500;

function scrubText(text: string): string {
  const clipped = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…` : text;
  return clipped.replace(JWT, REDACTION_CENSOR).replace(BEARER, `$1 ${REDACTION_CENSOR}`);
}

function scrubRecord(record: Record<string, unknown>, depth: number): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [
      key,
      isSecretField(key) ? REDACTION_CENSOR : scrubValue(value, depth + 1),
    ]),
  );
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return REDACTION_CENSOR;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return scrubRecord(value as Record<string, unknown>, depth);
}
