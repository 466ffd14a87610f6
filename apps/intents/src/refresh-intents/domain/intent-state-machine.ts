import { INTENT_ACTIONS, IntentAction, IntentStatus } from '@envrefresh/contracts';

/** What moves an intent: the API's actions, and the two the service takes by itself. */
export type LifecycleAction = IntentAction | 'auto-approve' | 'schedule';

export const SYSTEM_ACTIONS = ['auto-approve', 'schedule'] as const;

/**
 * The whole state machine of SPEC.md: status × action → next status. A pair that is absent is
 * refused (409 with the actions the status allows).
 *
 *   DRAFT --submit--> REQUESTED --approve--> APPROVED --schedule--> SCHEDULED --start--> IN_PROGRESS
 *   REQUESTED --reject--> REJECTED           IN_PROGRESS --complete--> COMPLETED
 *   IN_PROGRESS --fail--> FAILED --rollback--> ROLLED_BACK     IN_PROGRESS --rollback--> ROLLED_BACK
 *   DRAFT|REQUESTED|APPROVED|SCHEDULED --cancel--> CANCELLED
 *   REQUESTED --auto-approve--> APPROVED (environments that need no approval)
 */
export const TRANSITIONS: Readonly<
  Record<IntentStatus, Readonly<Partial<Record<LifecycleAction, IntentStatus>>>>
> = {
  DRAFT: { submit: 'REQUESTED', cancel: 'CANCELLED' },
  REQUESTED: { approve: 'APPROVED', 'auto-approve': 'APPROVED', reject: 'REJECTED', cancel: 'CANCELLED' },
  APPROVED: { schedule: 'SCHEDULED', cancel: 'CANCELLED' },
  SCHEDULED: { start: 'IN_PROGRESS', cancel: 'CANCELLED' },
  IN_PROGRESS: { complete: 'COMPLETED', fail: 'FAILED', rollback: 'ROLLED_BACK' },
  FAILED: { rollback: 'ROLLED_BACK' },
  COMPLETED: {},
  ROLLED_BACK: {},
  REJECTED: {},
  CANCELLED: {},
};

/** Statuses in which window, reason and groups may still be amended. */
export const AMENDABLE_STATUSES: readonly IntentStatus[] = ['DRAFT', 'REQUESTED', 'APPROVED', 'SCHEDULED'];

export function nextStatus(status: IntentStatus, action: LifecycleAction): IntentStatus | undefined {
  return TRANSITIONS[status][action];
}

/** The API actions a caller may try in this status, in the order of INTENT_ACTIONS. */
export function allowedActions(status: IntentStatus): IntentAction[] {
  return INTENT_ACTIONS.filter((action) => TRANSITIONS[status][action] !== undefined);
}
