import { EnvironmentTier } from '../model/environment-view';
import {
  CalendarEntryView,
  CalendarFeedView,
  CalendarQuery,
  CreatedCalendarFeedToken,
} from '../model/calendar-view';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

export const calendarEntriesRpc = defineRpc<RpcRequest<CalendarQuery>, { items: CalendarEntryView[] }>()({
  pattern: 'scheduling.calendar.entries',
  service: 'scheduling',
  description:
    'The calendar between from and to: refreshes the caller may see, bookings, and window occurrences expanded in their own timezone.',
});

export interface CreateCalendarFeedPayload {
  environmentId?: string;
  tier?: EnvironmentTier;
}

export const calendarFeedsCreateRpc = defineRpc<
  RpcRequest<CreateCalendarFeedPayload>,
  CreatedCalendarFeedToken
>()({
  pattern: 'scheduling.calendar-feeds.create',
  service: 'scheduling',
  description:
    "Create a personal iCal feed with the caller's groups and roles as they are now; the reply is the only time its token is shown.",
});

export const calendarFeedsListRpc = defineRpc<
  RpcRequest<Record<string, never>>,
  { items: CalendarFeedView[]; nextCursor: null }
>()({
  pattern: 'scheduling.calendar-feeds.list',
  service: 'scheduling',
  description: "The caller's feeds that are not revoked, newest first, without tokens.",
});

export const calendarFeedsRevokeRpc = defineRpc<RpcRequest<{ feedId: string }>, CalendarFeedView>()({
  pattern: 'scheduling.calendar-feeds.revoke',
  service: 'scheduling',
  description: "Revoke one of the caller's feeds at once; 404 for another's or an unknown one.",
});

/**
 * The gateway's question for `GET /calendar.ics?token=`: no user is proven (the token is the
 * credential, like an API token), so it carries no assertion. Null for an unknown or revoked token.
 */
export const calendarFeedEntriesRpc = defineRpc<
  { token: string; correlationId?: string },
  { feedId: string; name: string; items: CalendarEntryView[] } | null
>()({
  pattern: 'scheduling.calendar-feeds.entries',
  service: 'scheduling',
  description:
    "A feed's entries, as its owner could see them with the groups and roles they had when they made it; null for an unknown or revoked token.",
});
