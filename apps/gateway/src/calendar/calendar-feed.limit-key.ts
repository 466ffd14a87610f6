import type { FastifyRequest } from 'fastify';
import { feedTokenDigest } from './feed-token-digest';

/** The path of the feed route under PUBLIC_URL. */
export const CALENDAR_FEED_PATH = '/api/v1/calendar.ics';

/**
 * The rate limiter's key for a feed request: its token's hash. Google and Outlook fetch every
 * subscriber's feed from a few shared addresses, so keying by IP would let one busy feed starve
 * the others; the hash (never the token itself) keeps the token out of the limiter's memory.
 */
export function calendarFeedLimitKey(request: FastifyRequest): string | undefined {
  if (request.url.split('?', 1)[0] !== CALENDAR_FEED_PATH) return undefined;
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  if (typeof token !== 'string' || token.length === 0) return undefined;
  return `feed:${feedTokenDigest(token)}`;
}
