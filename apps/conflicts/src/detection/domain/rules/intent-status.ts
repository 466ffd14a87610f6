import { IntentStatus } from '@envrefresh/contracts';

/** An intent that still means to touch its environment. */
export const ACTIVE_INTENT_STATUSES: readonly IntentStatus[] = [
  'REQUESTED',
  'APPROVED',
  'SCHEDULED',
  'IN_PROGRESS',
];

/** An intent someone has already said yes to: overlapping it blocks. */
export const COMMITTED_INTENT_STATUSES: readonly IntentStatus[] = ['APPROVED', 'SCHEDULED', 'IN_PROGRESS'];

export function isActive(status: IntentStatus): boolean {
  return ACTIVE_INTENT_STATUSES.includes(status);
}

export function isCommitted(status: IntentStatus): boolean {
  return COMMITTED_INTENT_STATUSES.includes(status);
}
