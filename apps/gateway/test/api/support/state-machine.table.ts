import { INTENT_ACTIONS, INTENT_STATUSES, IntentAction, IntentStatus } from '@envrefresh/contracts';

/**
 * SPEC.md's state machine, written out independently of the service's own: the actions each state
 * allows and where they lead. APPROVED → SCHEDULED is not an action (the schedule.created event).
 */
export const TRANSITIONS: Record<IntentStatus, Partial<Record<IntentAction, IntentStatus>>> = {
  DRAFT: { submit: 'REQUESTED', cancel: 'CANCELLED' },
  REQUESTED: { approve: 'APPROVED', reject: 'REJECTED', cancel: 'CANCELLED' },
  APPROVED: { cancel: 'CANCELLED' },
  SCHEDULED: { start: 'IN_PROGRESS', cancel: 'CANCELLED' },
  IN_PROGRESS: { complete: 'COMPLETED', fail: 'FAILED', rollback: 'ROLLED_BACK' },
  FAILED: { rollback: 'ROLLED_BACK' },
  COMPLETED: {},
  ROLLED_BACK: {},
  REJECTED: {},
  CANCELLED: {},
};

export function allowedActions(status: IntentStatus): IntentAction[] {
  return INTENT_ACTIONS.filter((action) => TRANSITIONS[status][action] !== undefined);
}

export interface TransitionCase {
  from: IntentStatus;
  action: IntentAction;
  /** undefined: the pair is not allowed and must be a 409. */
  to: IntentStatus | undefined;
}

/** Every (state, action) pair: 10 × 8 = 80 cases. */
export const EVERY_PAIR: TransitionCase[] = INTENT_STATUSES.flatMap((from) =>
  INTENT_ACTIONS.map((action) => ({ from, action, to: TRANSITIONS[from][action] })),
);
