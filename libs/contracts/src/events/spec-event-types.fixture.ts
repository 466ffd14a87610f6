/**
 * Copied from SPEC.md, "Events", on purpose and kept apart from the catalog: tests check the
 * catalog and the published AsyncAPI document against the product contract, not against themselves.
 */
export const SPEC_EVENT_TYPES = [
  'environment.upserted',
  'intent.drafted',
  'intent.requested',
  'intent.amended',
  'intent.approved',
  'intent.rejected',
  'intent.scheduled',
  'intent.started',
  'intent.completed',
  'intent.failed',
  'intent.rolled_back',
  'intent.cancelled',
  'conflict.detected',
  'conflict.acknowledged',
  'conflict.overridden',
  'conflict.resolved',
  'booking.created',
  'booking.cancelled',
  'window.created',
  'window.deleted',
  'schedule.created',
  'schedule.cancelled',
  'schedule.reminder_due',
  'schedule.start_due',
  'schedule.overrun',
  'schedule.start_missed',
  'notification.delivered',
  'notification.failed',
];
