import { dateTimeSchema, isoDurationSchema, JsonSchema } from '../json-schema';

/** A single occurrence, half-open `[start, end)`. */
export interface OneOffTiming {
  start: string;
  end: string;
}

/**
 * A recurrence expanded in its own timezone, so a 22:00–06:00 window stays 22:00–06:00 local
 * across daylight-saving changes.
 */
export interface RecurringTiming {
  rrule: string;
  duration: string;
  timezone: string;
  startsAt: string;
  until?: string;
}

export type WindowTiming = OneOffTiming | RecurringTiming;

export const oneOffTimingSchema: JsonSchema = {
  type: 'object',
  required: ['start', 'end'],
  properties: { start: dateTimeSchema, end: dateTimeSchema },
};

export const recurringTimingSchema: JsonSchema = {
  type: 'object',
  required: ['rrule', 'duration', 'timezone', 'startsAt'],
  properties: {
    rrule: { type: 'string', minLength: 1, description: 'RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SA.' },
    duration: isoDurationSchema,
    timezone: { type: 'string', minLength: 1, description: 'IANA timezone the rule is expanded in.' },
    startsAt: dateTimeSchema,
    until: dateTimeSchema,
  },
};

/** Exactly one of the two forms: a window with both `start` and `rrule` is ambiguous. */
export const windowTimingSchema: JsonSchema = { oneOf: [oneOffTimingSchema, recurringTimingSchema] };
