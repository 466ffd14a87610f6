// The API's own definitions, read where the services read them (libs/contracts, libs/kernel):
// the page imports only their plain data and types, never a framework, so one list of tiers,
// refresh types or roles serves the API, its documentation and this page.
export { REFRESH_TYPES, INTENT_STATUSES } from '../../../libs/contracts/src/model/intent-view';
export type { IntentView, IntentStatus, RefreshType } from '../../../libs/contracts/src/model/intent-view';
export { ENVIRONMENT_TIERS } from '../../../libs/contracts/src/model/environment-view';
export type { EnvironmentView, EnvironmentTier } from '../../../libs/contracts/src/model/environment-view';
export { BOOKING_PRIORITIES } from '../../../libs/contracts/src/model/booking-view';
export type { BookingView } from '../../../libs/contracts/src/model/booking-view';
export { WINDOW_KINDS } from '../../../libs/contracts/src/model/window-view';
export type { WindowView } from '../../../libs/contracts/src/model/window-view';
export type { ConflictView } from '../../../libs/contracts/src/model/conflict-view';
export type {
  ConflictCheckView,
  ConflictFindingView,
  FreeSlotsView,
} from '../../../libs/contracts/src/model/conflict-check';
export type {
  CalendarEntryView,
  CreatedCalendarFeedView,
} from '../../../libs/contracts/src/model/calendar-view';
export type { ScheduleView } from '../../../libs/contracts/src/model/schedule-view';
export type { HistoryEntryView, HistoryVerification } from '../../../libs/contracts/src/model/history-entry';
export type { DeliveryView } from '../../../libs/contracts/src/model/delivery-view';
export type {
  SubscriptionView,
  SubscriptionWithSecret,
} from '../../../libs/contracts/src/model/subscription-view';
export type { NotificationChannel } from '../../../libs/contracts/src/events/catalog/notification.events';
export { grantsAny, ROLES } from '../../../libs/kernel/src/roles';
export type { Role } from '../../../libs/kernel/src/roles';
export { abilitiesOf } from '../../../libs/kernel/src/acting-user';
export type { ActingUser } from '../../../libs/kernel/src/acting-user';
export { refusalOf } from '../../../libs/kernel/src/intent-action-policy';
export { ACTION_KINDS, allowedActions } from '../../../libs/contracts/src/model/intent-lifecycle';
export type { GuardedAction } from '../../../libs/contracts/src/model/intent-lifecycle';

/** The channels a subscription may use (NOTIFICATION_CHANNELS; its module also holds event code). */
export const CHANNELS = [
  'EMAIL',
  'SLACK',
  'TEAMS',
  'WEBHOOK',
] as const satisfies readonly import('../../../libs/contracts/src/events/catalog/notification.events').NotificationChannel[];

/** A page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
