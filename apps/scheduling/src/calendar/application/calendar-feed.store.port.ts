import type { CalendarFeed } from '../domain/calendar-feed';

export interface CalendarFeedStore {
  insert(feed: CalendarFeed, tokenSha256: Buffer): Promise<void>;
  countActive(ownerSub: string): Promise<number>;
  /** Not revoked, newest first. */
  listActive(ownerSub: string): Promise<CalendarFeed[]>;
  /** Revokes the owner's feed; undefined when there is none such not yet revoked. */
  revoke(ownerSub: string, feedId: string, at: Date): Promise<CalendarFeed | undefined>;
  /** The feed not revoked whose token has this SHA-256, with the stored hash. */
  findActiveByTokenHash(
    tokenSha256: Buffer,
  ): Promise<{ feed: CalendarFeed; tokenSha256: Buffer } | undefined>;
}

export const CALENDAR_FEED_STORE = Symbol('CalendarFeedStore');
