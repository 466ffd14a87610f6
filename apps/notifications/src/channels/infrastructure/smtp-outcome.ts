import { AttemptOutcome } from '../application/channel-sender.port';

interface SmtpError {
  code?: string;
  responseCode?: number;
  message?: string;
}

/** nodemailer's code for an envelope it refuses to send itself (no valid recipient). */
const REFUSED_ENVELOPE = 'EENVELOPE';

/**
 * The server's reply code decides when there is one (RFC 5321 §4.2.1: 5xx permanent, REJECTED;
 * 4xx transient — greylisting, a full queue — RETRY); without one, an envelope nodemailer refuses
 * itself is REJECTED and a timeout, a failed connection or failed login is RETRY.
 */
export function outcomeOfSmtpError(error: unknown, durationMs: number): AttemptOutcome {
  const { code, responseCode, message } = (error ?? {}) as SmtpError;
  const text = `SMTP ${responseCode ?? code ?? 'error'}: ${message ?? String(error)}`;
  const permanent = responseCode !== undefined ? responseCode >= 500 : code === REFUSED_ENVELOPE;
  if (permanent) return { kind: 'REJECTED', statusCode: responseCode ?? null, error: text, durationMs };
  return { kind: 'RETRY', statusCode: responseCode ?? null, error: text, retryAfterMs: null, durationMs };
}
