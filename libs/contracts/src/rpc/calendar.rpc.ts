import { EnvironmentTier } from '../model/environment-view';
import {
  CalendarEntryView,
  CalendarFeedView,
  CalendarQuery,
  CreatedCalendarFeedToken,
} from '../model/calendar-view';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

/**
 * Which state of the calendar's projection an answer was made from: a number that rises in the
 * same transaction as every change to it, so an answer made after reading generation `g` holds
 * at least every change up to `g`.
 */
export interface CalendarGenerationMark {
  generation: number;
}

/** The answer is as it was at the generation the asker named: nothing on it changed since. */
export interface CalendarUnchanged extends CalendarGenerationMark {
  unchanged: true;
}

/**
 * Intent writes the gateway answered 2xx lately (ids and the versions they reached), which the
 * calendar must show before it answers (ADR 0035): the service takes in those it is behind on
 * from intents, as ADR 0014's catch-up does. At most this many per question.
 */
export const MAX_WRITTEN_INTENTS = 1_000;

export interface WrittenIntentsMark {
  writtenIntents?: { id: string; version: number }[];
}

/**
 * The calendar between from and to, once it shows every one of `writtenIntents`. With `knownGeneration`, the generation of the answer the
 * gateway already holds for this caller and query, the answer is `unchanged` while the
 * projection has not changed since.
 */
export const calendarEntriesRpc = defineRpc<
  RpcRequest<CalendarQuery> & { knownGeneration?: number } & WrittenIntentsMark,
  (CalendarGenerationMark & { items: CalendarEntryView[] }) | CalendarUnchanged
>()({
  pattern: 'scheduling.calendar.entries',
  service: 'scheduling',
  description:
    'The calendar between from and to: refreshes the caller may see, bookings, and window occurrences expanded in their own timezone; or `unchanged` when nothing changed since the generation named.',
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

export type CalendarFeedEntries = { feedId: string; name: string } & (
  (CalendarGenerationMark & { items: CalendarEntryView[] }) | CalendarUnchanged
);

/**
 * The gateway's question for `GET /calendar.ics?token=`: no user is proven (the token is the
 * credential, like an API token), so it carries no assertion. Null for an unknown or revoked token.
 * With `knownGeneration`, the generation of the entries the gateway already rendered for this
 * token, the answer is `unchanged` when the projection has not changed since. `writtenIntents`
 * as for `scheduling.calendar.entries`.
 */
export const calendarFeedEntriesRpc = defineRpc<
  { token: string; knownGeneration?: number; correlationId?: string } & WrittenIntentsMark,
  CalendarFeedEntries | null
>()({
  pattern: 'scheduling.calendar-feeds.entries',
  service: 'scheduling',
  description:
    "A feed's entries, as its owner could see them with the groups and roles they had when they made it, or `unchanged` when nothing changed since the generation named; null for an unknown or revoked token.",
});
