/**
 * Stable codes a caller may branch on (a delivery log records them); the message is for people.
 * Refusals (the first five) happen before any byte leaves; the others after a connection.
 */
export const OUTBOUND_ERROR_CODES = [
  'OUTBOUND.INVALID_URL',
  'OUTBOUND.SCHEME_REFUSED',
  'OUTBOUND.ADDRESS_REFUSED',
  'OUTBOUND.DNS_FAILED',
  'OUTBOUND.REDIRECT_REFUSED',
  'OUTBOUND.TIMEOUT',
  'OUTBOUND.RESPONSE_TOO_LARGE',
  'OUTBOUND.CONNECTION_FAILED',
] as const;
export type OutboundErrorCode = (typeof OUTBOUND_ERROR_CODES)[number];

export interface OutboundErrorDetails {
  /** Scheme, host and port only: a webhook URL's path or query may hold its secret. */
  origin?: string;
  /** The address refused, as resolved or written. */
  address?: string;
  /** The status of a response that was received but not accepted (a redirect). */
  status?: number;
  /** Where a refused redirect pointed. */
  location?: string;
}

export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    readonly details: OutboundErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutboundError';
  }
}

/** Scheme, host and port of a URL, for messages and logs. */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
