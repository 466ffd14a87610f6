import { IntentStatus } from './intent-view';

/** The actions a caller takes on an intent through `POST /intents/{id}/{action}`. */
export const INTENT_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'start',
  'complete',
  'fail',
  'rollback',
  'cancel',
] as const;
export type IntentAction = (typeof INTENT_ACTIONS)[number];

/** What moves an intent: the API's actions, and the two the service takes by itself. */
export type LifecycleAction = IntentAction | 'auto-approve' | 'schedule';

export const SYSTEM_ACTIONS = ['auto-approve', 'schedule'] as const;

/**
 * The whole state machine of SPEC.md: status × action → next status. A pair that is absent is
 * refused (409 with the actions the status allows). Plain data, so the service that enforces it
 * and the web page that offers the actions read the same table.
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

/** An action a person takes, and so one whose caller is checked (the system's own are not). */
export type GuardedAction = IntentAction | 'amend' | 'create';

/**
 * What each action asks of its caller, in the terms of `refusalOf` (libs/kernel/src/intent-access.ts):
 * filing needs the requester role; the requester's own actions need to be theirs; deciding needs
 * an approver who is not the requester; operating needs an operator; both of the environment's owner group.
 */
export const ACTION_KINDS = {
  create: 'file',
  submit: 'request',
  cancel: 'request',
  amend: 'request',
  approve: 'decide',
  reject: 'decide',
  start: 'operate',
  complete: 'operate',
  fail: 'operate',
  rollback: 'operate',
} as const satisfies Record<GuardedAction, string>;
