import { ConflictStatus, ConflictView, conflictViewSchema } from '../../model/conflict-view';
import { defineEvent } from '../event-definition';

function exampleConflict(status: ConflictStatus): ConflictView {
  const base: ConflictView = {
    id: '0a9b8c7d-6e5f-4a3b-9c1d-0e9f8a7b6c5d',
    intentId: '7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11',
    environmentId: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
    type: 'BOOKING_OVERLAP',
    severity: 'BLOCKING',
    rule: 'BOOKING_OVERLAP',
    explanation:
      'Group "payments" booked uat-payments with HIGH priority from 2025-03-01T20:00Z to 2025-03-01T23:00Z for release testing; move the refresh after 23:00Z or ask them to release the booking.',
    relatedRef: { kind: 'BOOKING', id: '3c2b1a09-8f7e-4d6c-9b4a-392817160504' },
    window: { start: '2025-03-01T22:00:00Z', end: '2025-03-01T23:00:00Z' },
    status,
    createdAt: '2025-02-21T10:00:01Z',
    updatedAt: '2025-02-21T10:00:01Z',
  };
  switch (status) {
    case 'ACKNOWLEDGED':
      return { ...base, acknowledgedBy: { sub: 'bob' }, acknowledgedAt: '2025-02-22T08:00:00Z' };
    case 'OVERRIDDEN':
      return {
        ...base,
        overriddenBy: { sub: 'bob', name: 'Bob Chen' },
        overriddenAt: '2025-02-22T08:05:00Z',
        justification: 'Release testing agreed to pause for the refresh.',
      };
    case 'RESOLVED':
      return { ...base, resolvedAt: '2025-02-22T09:00:00Z' };
    default:
      return base;
  }
}

function conflictEvent<TType extends `conflict.${string}`>(
  type: TType,
  description: string,
  status: ConflictStatus,
) {
  return defineEvent<ConflictView>()({
    type,
    version: 1,
    source: 'conflicts',
    description,
    dataSchema: conflictViewSchema,
    example: exampleConflict(status),
  });
}

export const conflictDetectedEvent = conflictEvent(
  'conflict.detected',
  'A rule found a new conflict for a refresh intent; carries the conflict with its explanation.',
  'OPEN',
);
export const conflictAcknowledgedEvent = conflictEvent(
  'conflict.acknowledged',
  'An approver acknowledged a conflict.',
  'ACKNOWLEDGED',
);
export const conflictOverriddenEvent = conflictEvent(
  'conflict.overridden',
  'An approver overrode a conflict with a justification; it no longer blocks approval or start.',
  'OVERRIDDEN',
);
export const conflictResolvedEvent = conflictEvent(
  'conflict.resolved',
  'The cause of a conflict went away (intent amended or ended, booking or window removed).',
  'RESOLVED',
);
