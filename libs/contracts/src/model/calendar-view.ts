import { dateTimeSchema, enumSchema, idSchema, JsonSchema } from '../json-schema';
import { EnvironmentTier, ENVIRONMENT_TIERS } from './environment-view';

export const CALENDAR_ENTRY_KINDS = ['REFRESH', 'BOOKING', 'BLACKOUT', 'MAINTENANCE'] as const;
export type CalendarEntryKind = (typeof CALENDAR_ENTRY_KINDS)[number];

/**
 * The longest `[from, to)` one calendar request may ask for: a year and a few days, so "this
 * year" fits with any offset. One definition for the gateway's check, the service's and the docs.
 */
export const CALENDAR_MAX_RANGE_DAYS = 370;

/** Longer than any feed token the service makes; bounds the hashing a hostile URL can cause. */
export const CALENDAR_FEED_TOKEN_MAX_LENGTH = 200;

/** `GET /calendar` filters; `from` and `to` are required. */
export interface CalendarQuery {
  from: string;
  to: string;
  environmentId?: string;
  tier?: EnvironmentTier;
}

/**
 * One thing on the calendar: a refresh, a booking, or one occurrence of a blackout or
 * maintenance window. A window that covers more than one environment (a tier, or everything)
 * appears once with `environmentId` null, unless the calendar is asked for one environment,
 * where every window covering it appears with that environment's id.
 */
export interface CalendarEntryView {
  kind: CalendarEntryKind;
  start: string;
  end: string;
  environmentId: string | null;
  title: string;
  /** REFRESH: the intent's status; BOOKING: ACTIVE or CANCELLED; windows: ACTIVE. */
  status: string;
  /** The intent, booking or window id (an environment's own maintenance: `<environmentId>#maintenance-<n>`). */
  ref: string;
  /** Stable across fetches and unique per occurrence: what an iCal UID is made of. */
  uid: string;
  /** Rises each time the entry changes (an iCal SEQUENCE). */
  sequence: number;
  /** When the entry last changed. */
  updatedAt: string;
}

export const calendarEntryViewSchema: JsonSchema = {
  title: 'CalendarEntryView',
  description:
    'One refresh, booking or window occurrence on the calendar. Later versions may add optional fields.',
  type: 'object',
  additionalProperties: true,
  required: [
    'kind',
    'start',
    'end',
    'environmentId',
    'title',
    'status',
    'ref',
    'uid',
    'sequence',
    'updatedAt',
  ],
  properties: {
    kind: enumSchema(CALENDAR_ENTRY_KINDS),
    start: dateTimeSchema,
    end: dateTimeSchema,
    environmentId: {
      type: ['string', 'null'],
      description:
        'null for a window covering several environments, unless the calendar was asked for one environment.',
    },
    title: { type: 'string' },
    status: { type: 'string' },
    ref: idSchema,
    uid: {
      type: 'string',
      description: '`<kind>-<ref>[-<occurrence start>]@envrefresh`, stable across fetches.',
    },
    sequence: { type: 'integer', minimum: 0 },
    updatedAt: dateTimeSchema,
  },
};

/** A personal iCal feed as listed: never its token. */
export interface CalendarFeedView {
  id: string;
  environmentId: string | null;
  tier: EnvironmentTier | null;
  createdAt: string;
}

/** The answer to creating a feed: the only time its URL (with the token) is shown. */
export interface CreatedCalendarFeedView {
  id: string;
  url: string;
  createdAt: string;
}

/** What the scheduling service answers the gateway, which makes the URL from its PUBLIC_URL. */
export interface CreatedCalendarFeedToken {
  id: string;
  token: string;
  createdAt: string;
}

export const calendarFeedViewSchema: JsonSchema = {
  title: 'CalendarFeedView',
  type: 'object',
  required: ['id', 'environmentId', 'tier', 'createdAt'],
  properties: {
    id: idSchema,
    environmentId: { type: ['string', 'null'] },
    tier: { oneOf: [enumSchema(ENVIRONMENT_TIERS), { type: 'null' }] },
    createdAt: dateTimeSchema,
  },
};
