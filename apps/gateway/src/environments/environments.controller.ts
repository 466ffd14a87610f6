import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TOO_MUCH_WORK, WORK_LIMITS } from '@envrefresh/kernel';
import { AuthenticatedActor } from '@envrefresh/auth';
import {
  EnvironmentView,
  FreeSlotsView,
  Page,
  RefreshRecordView,
  environmentsCreateRpc,
  environmentsGetRpc,
  environmentsListRpc,
  environmentsRefreshHistoryRpc,
  environmentsUpdateRpc,
  conflictsFreeSlotsRpc,
} from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQueryDto } from '../common/page-query.dto';
import { setLocation } from '../http/created-at';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { EnvironmentRefPipe } from '../http/path-params.pipe';
import { Endpoint } from '../openapi/endpoint.decorator';
import { ENVIRONMENT_EXAMPLE, FREE_SLOTS_EXAMPLE, REFRESH_RECORD_EXAMPLE } from '../openapi/view-schemas';
import { ServiceClients } from '../services/service-clients';
import { CatalogProjections } from './catalog-projections';
import { CreateEnvironmentRequestDto } from './create-environment.request.dto';
import { FreeSlotsQueryDto, sourceOf } from './free-slots.query.dto';
import { ListEnvironmentsQueryDto } from './list-environments.query.dto';
import { asMaintenanceWindows } from './maintenance-window.dto';
import { UpdateEnvironmentRequestDto } from './update-environment.request.dto';

const ENVIRONMENT_PARAM = {
  name: 'environment',
  description: 'Environment id or key',
  example: 'uat-payments',
};

@ApiTags('environments')
@Controller('environments')
export class EnvironmentsController {
  constructor(
    private readonly services: ServiceClients,
    private readonly projections: CatalogProjections,
  ) {}

  @Post()
  @HttpCode(201)
  @Endpoint({
    summary: 'Add an environment to the catalog',
    description:
      'Unknown `dependsOn` keys and dependency cycles are refused (400). Publishes `environment.upserted`.',
    roles: ['admin'],
    success: {
      status: 201,
      schema: 'EnvironmentView',
      description: 'The environment as created',
      example: ENVIRONMENT_EXAMPLE,
    },
    problems: [400, 409, 413, 422],
    idempotencyKey: true,
  })
  async create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateEnvironmentRequestDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EnvironmentView> {
    const environment = await this.services.call(environmentsCreateRpc, {
      actor,
      payload: { ...body, maintenanceWindows: asMaintenanceWindows(body.maintenanceWindows) },
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    await this.projections.caughtUpWith(environment, actor);
    setLocation(reply, `environments/${environment.id}`);
    return environment;
  }

  @Get()
  @Endpoint({
    conditional: true,
    summary: 'List the catalog, ordered by key',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'EnvironmentPage',
      description: 'One page of environments',
      example: { items: [ENVIRONMENT_EXAMPLE], nextCursor: null },
    },
    problems: [400],
  })
  list(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ListEnvironmentsQueryDto,
  ): Promise<Page<EnvironmentView>> {
    return this.services.call(environmentsListRpc, { actor, payload: { ...query } });
  }

  @Get(':environment')
  @ApiParam(ENVIRONMENT_PARAM)
  @Endpoint({
    summary: 'Read one environment, with lastRefreshedAt',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'EnvironmentView',
      description: 'The environment',
      example: ENVIRONMENT_EXAMPLE,
    },
    problems: [404],
  })
  get(
    @Param('environment', EnvironmentRefPipe) environment: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<EnvironmentView> {
    return this.services.call(environmentsGetRpc, { actor, payload: { environment } });
  }

  @Patch(':environment')
  @ApiParam(ENVIRONMENT_PARAM)
  @Endpoint({
    summary: 'Change an environment (not its key)',
    description: 'The dependency graph must stay acyclic. Publishes `environment.upserted`.',
    roles: ['admin'],
    success: {
      status: 200,
      schema: 'EnvironmentView',
      description: 'The environment as changed',
      example: ENVIRONMENT_EXAMPLE,
    },
    problems: [400, 404, 409, 413],
  })
  async update(
    @Param('environment', EnvironmentRefPipe) environment: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() patch: UpdateEnvironmentRequestDto,
  ): Promise<EnvironmentView> {
    const changed = await this.services.call(environmentsUpdateRpc, {
      actor,
      payload: {
        environment,
        patch: { ...patch, maintenanceWindows: asMaintenanceWindows(patch.maintenanceWindows) },
      },
    });
    await this.projections.caughtUpWith(changed, actor);
    return changed;
  }

  @Get(':environment/refresh-history')
  @ApiParam(ENVIRONMENT_PARAM)
  @Endpoint({
    summary: 'Executed refreshes of an environment, newest first',
    description:
      'Everyone may read it. A refresh whose intent you may not see is `hidden: true` with its times only ("another refresh"): no intent id, type, execution facts or people.',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'RefreshRecordPage',
      description: 'One page of completed refreshes',
      example: { items: [REFRESH_RECORD_EXAMPLE], nextCursor: null },
    },
    problems: [400, 404],
  })
  refreshHistory(
    @Param('environment', EnvironmentRefPipe) environment: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: PageQueryDto,
  ): Promise<Page<RefreshRecordView>> {
    return this.services.call(environmentsRefreshHistoryRpc, { actor, payload: { environment, ...query } });
  }

  @Get(':environment/free-slots')
  @ApiParam(ENVIRONMENT_PARAM)
  @Endpoint({
    summary: 'Find the earliest free windows of a given length for a refresh',
    description:
      'Slots of `duration` inside `[from, to)`, earliest first, in which a refresh would have no conflict at all: no BLOCKING and no WARNING, under every rule (other refreshes, bookings, blackouts, maintenance windows, dependencies, and, with `sourceEnvironmentId` or `sourceSnapshot`, refreshes reading the same source). Recurring windows are taken into account. `availableUntil` says how long the gap lasts, so a slot can be moved within it. A slot is a proposal, not a reservation: file the intent to claim it. ' +
      `A search whose range would expand more than ${WORK_LIMITS.occurrences} window occurrences (an hourly window over about ${Math.floor(WORK_LIMITS.occurrences / 24)} days) is 422 ${TOO_MUCH_WORK}: narrow \`from\` and \`to\`.`,
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'FreeSlotsView',
      description: 'The slots found, possibly none',
      example: FREE_SLOTS_EXAMPLE,
    },
    problems: [400, 404, 422],
  })
  freeSlots(
    @Param('environment', EnvironmentRefPipe) environment: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: FreeSlotsQueryDto,
  ): Promise<FreeSlotsView> {
    const { duration, from, to, limit } = query;
    return this.services.call(conflictsFreeSlotsRpc, {
      actor,
      payload: { environment, duration, from, to, limit, source: sourceOf(query) },
    });
  }
}
