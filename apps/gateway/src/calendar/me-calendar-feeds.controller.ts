import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor } from '@envrefresh/auth';
import {
  CalendarFeedView,
  CreatedCalendarFeedView,
  calendarFeedsCreateRpc,
  calendarFeedsListRpc,
  calendarFeedsRevokeRpc,
} from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { CalendarFeedIdPipe } from '../http/path-params.pipe';
import { NoQueryDto } from '../me/create-api-token.request.dto';
import { Endpoint } from '../openapi/endpoint.decorator';
import { ServiceClients } from '../services/service-clients';
import { CALENDAR_FEED_PATH } from './calendar-feed.limit-key';
import { CALENDAR_FEED_EXAMPLE } from './calendar-schemas';
import { CreateCalendarFeedRequestDto } from './calendar.query.dto';

/** `/me/calendar-feeds`: personal iCal feed URLs that Outlook, Google and Apple Calendar subscribe to. */
@ApiTags('me')
@Controller('me/calendar-feeds')
export class MeCalendarFeedsController {
  constructor(
    private readonly services: ServiceClients,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @Endpoint({
    summary: 'Create a personal iCal feed',
    description:
      "Answers the feed URL (`PUBLIC_URL` + `/api/v1/calendar.ics?token=…`) once; only the token's SHA-256 is kept. The feed shows what you could see with the groups and roles you have now, optionally narrowed to one environment or tier. At most 50 feeds each (422). Anyone holding the URL reads the feed: revoke it when it leaks.",
    roles: ['viewer'],
    success: {
      status: 201,
      schema: 'CreatedCalendarFeedView',
      description: 'The feed, with its URL shown this once',
      example: {
        id: CALENDAR_FEED_EXAMPLE.id,
        url: `http://localhost:3000${CALENDAR_FEED_PATH}?token=erc_Zk3qExampleExampleExampleExampleExample0abc`,
        createdAt: CALENDAR_FEED_EXAMPLE.createdAt,
      },
    },
    problems: [400, 413, 422],
  })
  async create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateCalendarFeedRequestDto,
  ): Promise<CreatedCalendarFeedView> {
    const created = await this.services.call(calendarFeedsCreateRpc, { actor, payload: { ...body } });
    const url = `${this.config.publicUrl}${CALENDAR_FEED_PATH}?token=${encodeURIComponent(created.token)}`;
    return { id: created.id, url, createdAt: created.createdAt };
  }

  @Get()
  @Endpoint({
    summary: 'List your iCal feeds',
    description: 'Feeds not revoked, newest first; never their tokens.',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'CalendarFeedPage',
      description: 'Your feeds',
      example: { items: [CALENDAR_FEED_EXAMPLE], nextCursor: null },
    },
    problems: [400],
  })
  list(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() _query: NoQueryDto,
  ): Promise<{ items: CalendarFeedView[]; nextCursor: null }> {
    return this.services.call(calendarFeedsListRpc, { actor, payload: {} });
  }

  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Feed id' })
  @Endpoint({
    summary: 'Revoke an iCal feed',
    description: 'At once: its URL answers 404 from the next request on. 404 for a feed not yours.',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'CalendarFeedView',
      description: 'The feed, now revoked',
      example: CALENDAR_FEED_EXAMPLE,
    },
    problems: [404],
  })
  revoke(
    @Param('id', CalendarFeedIdPipe) feedId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<CalendarFeedView> {
    return this.services.call(calendarFeedsRevokeRpc, { actor, payload: { feedId } });
  }
}
