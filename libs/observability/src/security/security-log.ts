import { CorrelationContext } from '../correlation/correlation-context';

/** What a security log line says; never a token, a secret or a request body. */
export interface SecurityEvent {
  action: string;
  outcome: 'refused' | 'allowed';
  actor?: string;
  reason: string;
  correlationId?: string;
  details?: Record<string, unknown>;
}

/** Any Nest-style logger: the security line goes through the app's own JSON logs. */
export interface SecurityLogger {
  warn(message: unknown, ...optionalParams: unknown[]): unknown;
  log(message: unknown, ...optionalParams: unknown[]): unknown;
}

/**
 * One structured line per security decision (`security: true`, so an operator can ship exactly
 * these to a SIEM). Placeholder written to the signature the issue9-access branch defines; the
 * lead keeps that branch's version.
 */
export function recordSecurityEvent(logger: SecurityLogger, event: SecurityEvent): void {
  const line = {
    security: true,
    ...event,
    correlationId: event.correlationId ?? CorrelationContext.correlationId(),
  };
  if (event.outcome === 'refused') logger.warn(line);
  else logger.log(line);
}
