import { AttemptOutcomeKind, DeliveryStatus } from '@envrefresh/contracts';
import { RetrySchedule } from './retry-schedule';

/** What one attempt came to, in the channels' words (the ChannelSender's AttemptOutcome). */
export interface AttemptResult {
  kind: AttemptOutcomeKind;
  statusCode: number | null;
  error: string | null;
  retryAfterMs: number | null;
  durationMs: number;
}

/** Where a delivery goes after an attempt. */
export type NextStep =
  | { status: 'SENT' }
  | { status: 'RETRYING'; delayMs: number; error: string }
  | { status: 'DEAD'; error: string; disableSubscription: boolean };

/**
 * After attempt number `step + 1` of the current schedule round: SENT; or RETRYING after the
 * schedule's pause (longer if the receiver asked, Retry-After); or DEAD once the schedule is spent,
 * at once for a refusal no retry can mend, and for a 410, which also disables the subscription.
 */
export function nextStep(result: AttemptResult, step: number, schedule: RetrySchedule): NextStep {
  const error = result.error ?? (result.statusCode === null ? result.kind : `HTTP ${result.statusCode}`);
  switch (result.kind) {
    case 'SENT':
      return { status: 'SENT' };
    case 'GONE':
      return {
        status: 'DEAD',
        error: 'HTTP 410 Gone: the subscription was disabled',
        disableSubscription: true,
      };
    case 'REJECTED':
      return { status: 'DEAD', error, disableSubscription: false };
    case 'RETRY': {
      if (step >= schedule.length) return { status: 'DEAD', error, disableSubscription: false };
      return { status: 'RETRYING', delayMs: Math.max(schedule[step], result.retryAfterMs ?? 0), error };
    }
  }
}

/** Statuses in which a delivery still has work: the due-row worker's `pending`. */
export const OPEN_DELIVERY_STATUSES: readonly DeliveryStatus[] = ['PENDING', 'RETRYING'];
