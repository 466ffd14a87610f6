import ical, { ICalEventStatus } from 'ical-generator';
import type { CalendarEntryView } from '@envrefresh/contracts';

/** How often a subscribed calendar app should fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 60 * 60;

const CANCELLED = new Set(['CANCELLED', 'REJECTED']);

/**
 * The feed as RFC 5545 text, by ical-generator (CRLF, line folding, escaping): one VEVENT per
 * entry in UTC, its UID and SEQUENCE from the entry, DTSTAMP its last change, so the same
 * calendar gives the same bytes (and the same ETag, http/conditional-get.ts) until something on it changes.
 */
export function renderFeed(name: string, entries: readonly CalendarEntryView[]): string {
  const calendar = ical({
    name,
    prodId: { company: 'envrefresh', product: 'calendar', language: 'EN' },
    ttl: FEED_REFRESH_SECONDS,
  });
  for (const entry of entries) {
    calendar.createEvent({
      id: entry.uid,
      start: new Date(entry.start),
      end: new Date(entry.end),
      stamp: new Date(entry.updatedAt),
      sequence: entry.sequence,
      summary: entry.title,
      description: `${entry.kind} · ${entry.status}`,
      status: CANCELLED.has(entry.status) ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      x: { 'X-ENVREFRESH-KIND': entry.kind, 'X-ENVREFRESH-REF': entry.ref },
    });
  }
  return calendar.toString();
}
