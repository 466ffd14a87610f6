import { Controller, Get, Headers, NotFoundException, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RpcReplyOf, calendarFeedEntriesRpc } from '@envrefresh/contracts';
import { getOrCreateCounter } from '@envrefresh/observability';
import { etagOf, matchesIfNoneMatch } from '../http/conditional-get';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { ServiceClients } from '../services/service-clients';
import { WrittenIntents } from '../views/domain/written-intents';
import { CalendarFeedQueryDto } from './calendar.query.dto';
import { FeedCache, RenderedFeed, calendarAnswers } from './calendar-caches';
import { feedTokenDigest } from './feed-token-digest';
import { FEED_REFRESH_SECONDS, renderFeed } from './ical-feed';

const feedRequests = getOrCreateCounter({
  name: 'calendar_feed_requests_total',
  help: 'Requests for an iCal feed by outcome: served, not_modified, not_found',
  labelNames: ['outcome'] as const,
});

/**
 * `GET /calendar.ics?token=`: what Outlook, Google and Apple Calendar subscribe to. They send no
 * JWT, so this route has no auth guard: the token is the credential, checked by the scheduling
 * service, and an unknown or revoked one is 404. The rate limiter keys it by the token's hash.
 */
@ApiTags('calendar')
@Controller('calendar.ics')
export class CalendarFeedController {
  constructor(
    private readonly services: ServiceClients,
    private readonly cache: FeedCache,
    private readonly writtenIntents: WrittenIntents,
  ) {}

  @Get()
  @ApiSecurity('feedToken')
  @ApiOperation({
    summary: 'A personal iCal feed (RFC 5545)',
    description:
      'No bearer token: the `token` of the URL `POST /me/calendar-feeds` answered is the credential. One VEVENT per refresh, booking and window occurrence from a month back to half a year ahead, in UTC; UIDs are stable across fetches, SEQUENCE rises when an entry changes, cancelled and rejected refreshes are `STATUS:CANCELLED`. Answers `ETag`; `If-None-Match` with it gives 304. 404 for an unknown or revoked token.',
  })
  @ApiResponse({
    status: 200,
    description: 'The calendar',
    content: { 'text/calendar': { schema: { type: 'string' } } },
    headers: { ETag: { description: 'Strong validator of the body', schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 304, description: 'Not modified since the ETag sent in If-None-Match' })
  @ApiProblemResponses(400, 404, 422, 429, 503, 504)
  async feed(
    @Query() query: CalendarFeedQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const rendered = await this.rendered(query.token);
    if (!rendered) {
      feedRequests.inc({ outcome: 'not_found' });
      throw new NotFoundException('No such calendar feed');
    }
    const { body, etag } = rendered;
    reply.header('etag', etag);
    reply.header('cache-control', `private, max-age=${FEED_REFRESH_SECONDS}`);
    if (matchesIfNoneMatch(ifNoneMatch, etag)) {
      feedRequests.inc({ outcome: 'not_modified' });
      reply.status(304);
      return '';
    }
    feedRequests.inc({ outcome: 'served' });
    reply.header('content-type', 'text/calendar; charset=utf-8');
    return body;
  }

  /**
   * The feed's body: the one rendered before when the scheduling service says the calendar is
   * still at its generation, else rendered from the entries it answers. Null for a bad token.
   */
  private async rendered(token: string, reuse = true): Promise<RenderedFeed | null> {
    const key = feedTokenDigest(token);
    const known = reuse ? this.cache.reusable(key, Date.now()) : undefined;
    const feed = await this.entries(token, known?.generation);
    if (!feed) {
      this.cache.forget(key);
      return null;
    }
    if (!('unchanged' in feed)) {
      const body = renderFeed(feed.name, feed.items);
      const rendered = { feedId: feed.feedId, body, etag: etagOf(body) };
      this.cache.keep(key, { generation: feed.generation, value: rendered }, body.length, Date.now());
      calendarAnswers.inc({ route: 'feed', source: 'made' });
      return rendered;
    }
    if (known && known.value.feedId === feed.feedId && known.generation === feed.generation) {
      calendarAnswers.inc({ route: 'feed', source: 'reused' });
      return known.value;
    }
    // Answered for a body no longer kept (a concurrent request replaced it): ask for the entries.
    return this.rendered(token, false);
  }

  private entries(token: string, knownGeneration: number | undefined) {
    return this.writtenIntents.naming(
      (named) =>
        this.services
          .get(calendarFeedEntriesRpc.service)
          .send<RpcReplyOf<typeof calendarFeedEntriesRpc>>(calendarFeedEntriesRpc.pattern, {
            token,
            ...(knownGeneration !== undefined ? { knownGeneration } : {}),
            ...named,
          }),
      Date.now(),
    );
  }
}
