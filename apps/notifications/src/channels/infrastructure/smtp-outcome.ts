import { AttemptOutcome } from '../application/channel-sender.port';

interface SmtpError {
  code?: string;
  responseCode?: number;
  message?: string;
}

/** Codes nodemailer gives to a message that no server will take as it is. */
const NEVER_RETRIED_CODES = ['EENVELOPE', 'EMESSAGE'];

/**
 * A permanent SMTP reply (5xx) or a message nodemailer refuses to build is REJECTED; a transient
 * reply (4xx: greylisting, a full queue), a timeout or a failed connection is RETRY.
 */
export function outcomeOfSmtpError(error: unknown, durationMs: number): AttemptOutcome {
  const { code, responseCode, message } = (error ?? {}) as SmtpError;
  const text = `SMTP ${responseCode ?? code ?? 'error'}: ${message ?? String(error)}`;
  if ((responseCode !== undefined && responseCode >= 500) || (code && NEVER_RETRIED_CODES.includes(code)))
    return { kind: 'REJECTED', statusCode: responseCode ?? null, error: text, durationMs };
  return { kind: 'RETRY', statusCode: responseCode ?? null, error: text, retryAfterMs: null, durationMs };
}
