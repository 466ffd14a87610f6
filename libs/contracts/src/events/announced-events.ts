import { EVENT_TYPES, EventType } from './event-catalog';

/** What a test message sent by `POST /subscriptions/{id}/test` is called; it never goes on the exchange. */
export const NOTIFICATION_TEST_EVENT_TYPE = 'notification.test';

/**
 * Events a subscription may ask for: everything on the exchange except the notifications
 * service's own `notification.*` outcomes (announcing a delivery would deliver again, forever).
 */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter((type) => !type.startsWith('notification.')) as [
  EventType,
  ...EventType[],
];

/**
 * The documented default set, for a subscription whose filter has no `eventTypes` and for the
 * requester's e-mail: what someone affected by a refresh must hear of. `intent.requested` is in
 * it because the owner group holds the approvers who must decide; every `schedule.*` because
 * reminders, start and overrun signals are what the set is for.
 */
export const ANNOUNCED_EVENT_TYPES: readonly EventType[] = [
  'intent.requested',
  'intent.approved',
  'intent.scheduled',
  'intent.completed',
  'intent.failed',
  'intent.rolled_back',
  'conflict.detected',
  ...EVENT_TYPES.filter((type) => type.startsWith('schedule.')),
];
