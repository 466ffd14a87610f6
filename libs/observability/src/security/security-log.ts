// Minimal version for the broker work of issue 9; the security audit log part of the same issue
// owns this file, with exactly this signature.

/** The part of a Nest or pino logger a security event needs; under nestjs-pino an object first is merged into the line. */
export interface SecurityLogger {
  warn(message: unknown, ...rest: unknown[]): unknown;
  log(message: unknown, ...rest: unknown[]): unknown;
}

export interface SecurityEvent {
  /** What was attempted, e.g. `event.consume`. */
  action: string;
  outcome: 'refused' | 'allowed';
  /** Who attempted it (a user, a broker user); never a token or a secret. */
  actor?: string;
  reason: string;
  correlationId?: string;
  details?: Record<string, unknown>;
}

/** Writes one structured JSON line marked `security: true`, for an operator to ship to a SIEM. */
export function recordSecurityEvent(logger: SecurityLogger, event: SecurityEvent): void {
  const line = { security: true, ...event };
  const message = `security: ${event.action} ${event.outcome}: ${event.reason}`;
  if (event.outcome === 'refused') logger.warn(line, message);
  else logger.log(line, message);
}
