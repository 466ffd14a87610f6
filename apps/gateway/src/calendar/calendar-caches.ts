import type { CalendarEntryView } from '@envrefresh/contracts';
import { getOrCreateCounter } from '@envrefresh/observability';
import { GenerationCache } from './generation-cache';

/** Whether an answer was made from what scheduling sent, or reused while nothing changed. */
export const calendarAnswers = getOrCreateCounter({
  name: 'calendar_answers_total',
  help: 'Calendar and feed answers of this gateway, by route and by whether they were made afresh or reused unchanged',
  labelNames: ['route', 'source'] as const,
});

/**
 * Bytes each cache may hold. Calendar apps poll feeds that rarely change, and rendering 1,000
 * events costs some 30 ms of CPU; people and pages poll the same months. The gateway's old space
 * is 128 MB (libs/platform/src/app-heap.ts).
 */
export const FEED_CACHE_MAX_BYTES = 8 * 1024 * 1024;
export const CALENDAR_CACHE_MAX_BYTES = 4 * 1024 * 1024;

export interface RenderedFeed {
  feedId: string;
  body: string;
  etag: string;
}

/** Rendered iCal feeds, by their token's digest (feedTokenDigest), never the token. */
export class FeedCache extends GenerationCache<RenderedFeed> {
  constructor(maxBytes = FEED_CACHE_MAX_BYTES) {
    super(maxBytes);
  }
}

/** `GET /calendar` answers, by who asked (as far as visibility depends on it) and what. */
export class CalendarCache extends GenerationCache<CalendarEntryView[]> {
  constructor(maxBytes = CALENDAR_CACHE_MAX_BYTES) {
    super(maxBytes);
  }
}
