import { IntentStatus, IntentView, intentViewSchema } from '../../model/intent-view';
import { defineEvent } from '../event-definition';

/** A documented example of an intent in `status`, for the events that carry one. */
export function exampleIntent(status: IntentStatus): IntentView {
  return {
    id: '7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11',
    environmentId: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
    refreshType: 'MASKED_COPY',
    status,
    plannedStart: '2025-03-01T22:00:00Z',
    plannedEnd: '2025-03-02T02:00:00Z',
    reason: 'Load masked production data for the March regression cycle',
    source: { environmentId: 'b2a4c6e8-1d3f-4a5b-9c7d-0e2f4a6b8c10' },
    notificationGroups: ['qa', 'payments'],
    externalRef: 'CHG-10423',
    requestedBy: { sub: 'alice', name: 'Alice Martin', email: 'alice@example.com' },
    version: 3,
    createdAt: '2025-02-20T09:15:00Z',
    updatedAt: '2025-02-21T10:00:00Z',
  };
}

/** Every intent event carries the whole intent as the API returns it after the change. */
function intentEvent<TType extends `intent.${string}`>(
  type: TType,
  description: string,
  status: IntentStatus,
) {
  return defineEvent<IntentView>()({
    type,
    version: 1,
    source: 'intents',
    description,
    dataSchema: intentViewSchema,
    example: exampleIntent(status),
  });
}

export const intentDraftedEvent = intentEvent(
  'intent.drafted',
  'A refresh intent was saved as a draft.',
  'DRAFT',
);
export const intentRequestedEvent = intentEvent(
  'intent.requested',
  'A refresh intent was submitted for approval, or an amended window sent it back for re-approval.',
  'REQUESTED',
);
export const intentAmendedEvent = intentEvent(
  'intent.amended',
  'The window, reason or notification groups of a refresh intent changed.',
  'REQUESTED',
);
export const intentApprovedEvent = intentEvent(
  'intent.approved',
  'A refresh intent was approved, by an approver or automatically for an environment that needs no approval.',
  'APPROVED',
);
export const intentRejectedEvent = intentEvent(
  'intent.rejected',
  'An approver rejected a refresh intent.',
  'REJECTED',
);
export const intentScheduledEvent = intentEvent(
  'intent.scheduled',
  'The reminders, start signal and overrun alarm of an approved refresh are registered.',
  'SCHEDULED',
);
export const intentStartedEvent = intentEvent(
  'intent.started',
  'An operator started the refresh.',
  'IN_PROGRESS',
);
export const intentCompletedEvent = intentEvent(
  'intent.completed',
  'The refresh finished successfully; the environment holds fresh data.',
  'COMPLETED',
);
export const intentFailedEvent = intentEvent('intent.failed', 'The refresh failed.', 'FAILED');
export const intentRolledBackEvent = intentEvent(
  'intent.rolled_back',
  'A failed or running refresh was rolled back.',
  'ROLLED_BACK',
);
export const intentCancelledEvent = intentEvent(
  'intent.cancelled',
  'A refresh intent was cancelled before it started.',
  'CANCELLED',
);

/** Every intent event: each carries the whole intent, so a projection may treat them alike. */
export const INTENT_EVENTS = [
  intentDraftedEvent,
  intentRequestedEvent,
  intentAmendedEvent,
  intentApprovedEvent,
  intentRejectedEvent,
  intentScheduledEvent,
  intentStartedEvent,
  intentCompletedEvent,
  intentFailedEvent,
  intentRolledBackEvent,
  intentCancelledEvent,
] as const;

export const INTENT_EVENT_TYPES = INTENT_EVENTS.map((definition) => definition.type) as [
  (typeof INTENT_EVENTS)[number]['type'],
  ...(typeof INTENT_EVENTS)[number]['type'][],
];
