import { RetrySchedule } from '../domain/retry-schedule';

/** How this service delivers, from its configuration (notifications.config.ts). */
export interface DeliverySettings {
  retrySchedule: RetrySchedule;
  /** SMTP_URL is set: the requester is written to by e-mail. */
  emailEnabled: boolean;
  /** The channels' own deadline per call; a lease outlasts it. */
  sendTimeoutMs: number;
  /** Due-row workers sending at once, each with its own batch: the overall bound on calls in flight. */
  workers: number;
  /** Destinations each worker has in flight at once (its slots). */
  batchSize: number;
  /** A destination's deliveries leased together, sent one after another by one slot. */
  runLength: number;
  pollIntervalMs: number;
}

export const DELIVERY_SETTINGS = Symbol('DeliverySettings');
