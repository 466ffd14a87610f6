import { calendarEntryViewSchema, calendarFeedViewSchema, dateTimeSchema } from '@envrefresh/contracts';

/** OpenAPI component schemas of the calendar routes, from the contracts' definitions. */
export const CALENDAR_SCHEMAS = {
  CalendarEntryView: calendarEntryViewSchema,
  CalendarView: {
    type: 'object',
    required: ['items'],
    properties: {
      items: {
        type: 'array',
        items: { $ref: '#/components/schemas/CalendarEntryView' },
        description: 'Earliest start first',
      },
    },
  },
  CalendarFeedView: calendarFeedViewSchema,
  CreatedCalendarFeedView: {
    type: 'object',
    required: ['id', 'url', 'createdAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      url: {
        type: 'string',
        format: 'uri',
        description: 'PUBLIC_URL + /api/v1/calendar.ics?token=…: the token is shown only in this answer',
      },
      createdAt: dateTimeSchema,
    },
  },
  CalendarFeedPage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/CalendarFeedView' } },
      nextCursor: { type: 'null', description: 'A user holds at most 50 feeds: always one page' },
    },
  },
} as const;

export const CALENDAR_ENTRY_EXAMPLE = {
  kind: 'BLACKOUT',
  start: '2026-12-05T21:00:00.000Z',
  end: '2026-12-06T05:00:00.000Z',
  environmentId: null,
  title: 'Weekend freeze',
  status: 'ACTIVE',
  ref: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  uid: 'blackout-9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b-20261205T210000Z@envrefresh',
  sequence: 0,
  updatedAt: '2026-11-20T09:00:00.000Z',
};

export const CALENDAR_FEED_EXAMPLE = {
  id: '0b7e6c1d-2f3a-4b5c-9d8e-7f6a5b4c3d2e',
  environmentId: null,
  tier: 'UAT',
  createdAt: '2026-12-01T09:00:00.000Z',
};
