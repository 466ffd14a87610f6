import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedActor } from '@envrefresh/auth';
import {
  Page,
  WindowView,
  windowsCreateRpc,
  windowsDeleteRpc,
  windowsGetRpc,
  windowsListRpc,
} from '@envrefresh/contracts';
import { CalendarProjection } from '../calendar/calendar-projection';
import { CurrentActor } from '../auth/current-actor.decorator';
import { INCLUDE_DELETED_RULE } from '../common/include-deleted.query';
import { asWindowTiming } from '../common/window-timing.dto';
import { setLocation } from '../http/created-at';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { WindowIdPipe } from '../http/path-params.pipe';
import { Endpoint } from '../openapi/endpoint.decorator';
import { RECURRING_WINDOW_EXAMPLE, WINDOW_EXAMPLE } from '../openapi/view-schemas';
import { ServiceClients } from '../services/service-clients';
import { CreateWindowRequestDto } from './create-window.request.dto';
import { ListWindowsQueryDto } from './list-windows.query.dto';

@ApiTags('windows')
@Controller('windows')
export class WindowsController {
  constructor(
    private readonly services: ServiceClients,
    private readonly calendar: CalendarProjection,
  ) {}

  @Post()
  @HttpCode(201)
  @Endpoint({
    summary: 'Add a blackout or maintenance window',
    description:
      'A BLACKOUT makes every overlapping refresh a BLOCKING conflict; MAINTENANCE windows say when refreshes belong (a refresh outside every one of its environment is a WARNING). One-off: `start`, `end`. Recurring: an RFC 5545 `rrule`, the `duration` of each occurrence, the IANA `timezone` it is expanded in (22:00–06:00 stays 22:00–06:00 local across daylight-saving changes), `startsAt` and optionally `until`; sending fields of both forms is 400. An RRULE that does not parse, an unknown timezone or a window too long is 400 naming the field. Conflicts of existing intents are recomputed. Publishes `window.created`.',
    roles: ['admin'],
    success: {
      status: 201,
      schema: 'WindowView',
      description: 'The window as created',
      example: WINDOW_EXAMPLE,
    },
    problems: [400, 413, 422],
    idempotencyKey: true,
  })
  async create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateWindowRequestDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WindowView> {
    const window = await this.services.call(windowsCreateRpc, {
      actor,
      payload: { ...asWindowTiming(body) },
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    await this.calendar.caughtUpWith(actor, { windows: [window.id] });
    setLocation(reply, `windows/${window.id}`);
    return window;
  }

  @Get()
  @Endpoint({
    conditional: true,
    summary: 'List blackout and maintenance windows, newest first',
    description: `Deleted windows are left out. \`includeDeleted\`: ${INCLUDE_DELETED_RULE}`,
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'WindowPage',
      description: 'One page of windows',
      example: { items: [WINDOW_EXAMPLE, RECURRING_WINDOW_EXAMPLE], nextCursor: null },
    },
    problems: [400, 403],
  })
  list(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ListWindowsQueryDto,
  ): Promise<Page<WindowView>> {
    return this.services.call(windowsListRpc, { actor, payload: { ...query } });
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Window id' })
  @Endpoint({
    summary: 'Read one blackout or maintenance window',
    description: 'Where `Location` of a created window points.',
    roles: ['viewer'],
    success: { status: 200, schema: 'WindowView', description: 'The window', example: WINDOW_EXAMPLE },
    problems: [404],
  })
  get(
    @Param('id', WindowIdPipe) windowId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<WindowView> {
    return this.services.call(windowsGetRpc, { actor, payload: { windowId } });
  }

  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Window id' })
  @Endpoint({
    summary: 'Delete a window',
    description:
      'The window no longer counts: conflicts it caused are resolved. It is kept, marked with who deleted it and when (`GET /windows?includeDeleted=true`, admins; `GET /windows/{id}` answers 404 from now on). Publishes `window.deleted` with the window so marked.',
    roles: ['admin'],
    success: {
      status: 200,
      schema: 'WindowView',
      description: 'The window, with `deletedAt` and `deletedBy`',
      example: RECURRING_WINDOW_EXAMPLE,
    },
    problems: [404],
  })
  async delete(
    @Param('id', WindowIdPipe) windowId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<WindowView> {
    const window = await this.services.call(windowsDeleteRpc, { actor, payload: { windowId } });
    await this.calendar.caughtUpWith(actor, { windows: [window.id] });
    return window;
  }
}
