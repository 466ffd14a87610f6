import {
  CALENDAR_MAX_RANGE_DAYS,
  CalendarQuery,
  ENVIRONMENT_TIERS,
  EnvironmentTier,
} from '@envrefresh/contracts';
import { Problems, isUuid, objectOf, parseInstant } from '@envrefresh/kernel';
import type { Interval } from '@envrefresh/recurrence';

const DAY_MS = 24 * 60 * 60 * 1000;
const QUERY_FIELDS = new Set(['from', 'to', 'environmentId', 'tier']);

/** Which part of the calendar to show: a bounded range, and at most one environment or one tier. */
export interface CalendarFilter {
  range: Interval;
  environmentId?: string;
  tier?: EnvironmentTier;
}

/**
 * The rules of a calendar query, checked once whoever asks (the gateway checks the same ones
 * first, from the same constant): `from` and `to` instants with an offset, `from < to`, at most
 * CALENDAR_MAX_RANGE_DAYS apart; `environmentId` a UUID, `tier` one of the tiers. Every problem
 * names its field.
 */
export function parseCalendarQuery(input: unknown): CalendarFilter {
  const problems = new Problems();
  const query = objectOf(input, problems) as Partial<Record<keyof CalendarQuery, unknown>>;
  for (const field of Object.keys(query))
    if (!QUERY_FIELDS.has(field)) problems.add(field, 'is not a calendar filter');
  const from = parseInstant(query.from, 'from', problems);
  const to = parseInstant(query.to, 'to', problems);
  if (from && to) {
    if (to <= from) problems.add('to', 'must be after from');
    else if (to.getTime() - from.getTime() > CALENDAR_MAX_RANGE_DAYS * DAY_MS)
      problems.add('to', `must be at most ${CALENDAR_MAX_RANGE_DAYS} days after from`);
  }
  if (query.environmentId !== undefined && !isUuid(query.environmentId))
    problems.add('environmentId', 'must be a UUID');
  if (query.tier !== undefined && !ENVIRONMENT_TIERS.includes(query.tier as EnvironmentTier))
    problems.add('tier', `must be one of ${ENVIRONMENT_TIERS.join(', ')}`);
  problems.throwIfAny('CALENDAR.INVALID_QUERY');
  return {
    range: { start: from as Date, end: to as Date },
    ...(query.environmentId !== undefined ? { environmentId: query.environmentId as string } : {}),
    ...(query.tier !== undefined ? { tier: query.tier as EnvironmentTier } : {}),
  };
}

/**
 * How far back and ahead a personal feed reaches. Half a year ahead is what people plan
 * refreshes in; a longer reach would spend the request's expansion budget (ADR 0016) on the
 * nightly maintenance windows of every environment an unfiltered feed covers.
 */
export const FEED_REACH_DAYS = { back: 31, ahead: 183 } as const;

/** The range a personal feed covers at `now`. */
export function feedRangeAt(now: Date): Interval {
  return {
    start: new Date(now.getTime() - FEED_REACH_DAYS.back * DAY_MS),
    end: new Date(now.getTime() + FEED_REACH_DAYS.ahead * DAY_MS),
  };
}
