import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CALENDAR_FEED_TOKEN_MAX_LENGTH,
  CalendarFeedEntries,
  CalendarFeedView,
  CreatedCalendarFeedToken,
} from '@envrefresh/contracts';
import { ActingUser, Clock, DomainError, isUuid } from '@envrefresh/kernel';
import {
  CalendarFeed,
  MAX_CALENDAR_FEEDS_PER_OWNER,
  feedName,
  parseFeedRequest,
} from '../domain/calendar-feed';
import { feedRangeAt } from '../domain/calendar-range';
import { CALENDAR_FEED_STORE, CalendarFeedStore } from './calendar-feed.store.port';
import { CalendarQuery } from './calendar.query';
import { feedTokenHash, newFeedToken, sameTokenHash } from './feed-token';

function viewOf(feed: CalendarFeed): CalendarFeedView {
  return {
    id: feed.id,
    environmentId: feed.environmentId,
    tier: feed.tier,
    createdAt: feed.createdAt.toISOString(),
  };
}

const notFound = () => new DomainError('not-found', 'CALENDAR_FEED.NOT_FOUND', 'No such calendar feed');

/** `/me/calendar-feeds` and what a feed's token shows. */
@Injectable()
export class CalendarFeedsService {
  constructor(
    @Inject(CALENDAR_FEED_STORE) private readonly feeds: CalendarFeedStore,
    private readonly clock: Clock,
    private readonly calendar: CalendarQuery,
  ) {}

  async create(user: ActingUser, payload: unknown): Promise<CreatedCalendarFeedToken> {
    const filter = parseFeedRequest(payload);
    if ((await this.feeds.countActive(user.sub)) >= MAX_CALENDAR_FEEDS_PER_OWNER)
      throw new DomainError(
        'unprocessable',
        'CALENDAR_FEED.TOO_MANY',
        `At most ${MAX_CALENDAR_FEEDS_PER_OWNER} calendar feeds each; revoke one you no longer use`,
      );
    const token = newFeedToken();
    const feed: CalendarFeed = {
      id: randomUUID(),
      owner: { sub: user.sub, groups: [...user.groups], isAdmin: user.isAdmin },
      ...filter,
      createdAt: this.clock.now(),
    };
    await this.feeds.insert(feed, feedTokenHash(token));
    return { id: feed.id, token, createdAt: feed.createdAt.toISOString() };
  }

  async list(user: ActingUser): Promise<{ items: CalendarFeedView[]; nextCursor: null }> {
    return { items: (await this.feeds.listActive(user.sub)).map(viewOf), nextCursor: null };
  }

  async revoke(user: ActingUser, feedId: unknown): Promise<CalendarFeedView> {
    if (!isUuid(feedId)) throw notFound();
    const revoked = await this.feeds.revoke(user.sub, feedId, this.clock.now());
    if (!revoked) throw notFound();
    return viewOf(revoked);
  }

  /**
   * The feed's entries as its owner saw things when they made it, or `unchanged` when the
   * calendar's projection is still at `knownGeneration`; null for an unknown or revoked token.
   */
  async entriesFor(token: unknown, knownGeneration?: unknown): Promise<CalendarFeedEntries | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > CALENDAR_FEED_TOKEN_MAX_LENGTH)
      return null;
    const hash = feedTokenHash(token);
    const found = await this.feeds.findActiveByTokenHash(hash);
    if (!found || !sameTokenHash(found.tokenSha256, hash)) return null;
    const { feed } = found;
    const generation = await this.calendar.generation();
    if (generation === knownGeneration)
      return { feedId: feed.id, name: feedName(feed), generation, unchanged: true };
    const items = await this.calendar.entries(feed.owner, {
      range: feedRangeAt(this.clock.now()),
      ...(feed.environmentId !== null ? { environmentId: feed.environmentId } : {}),
      ...(feed.tier !== null ? { tier: feed.tier } : {}),
    });
    return { feedId: feed.id, name: feedName(feed), generation, items };
  }
}
