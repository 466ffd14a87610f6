import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedActor } from '@envrefresh/auth';
import {
  ConflictView,
  HistoryEntryView,
  HistoryVerification,
  IntentView,
  Page,
  conflictsForIntentRpc,
  intentsAmendRpc,
  intentsCreateRpc,
  intentsGetRpc,
  intentsHistoryRpc,
  intentsListRpc,
  intentsVerifyHistoryRpc,
} from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { setLocation } from '../http/created-at';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { IntentIdPipe } from '../http/path-params.pipe';
import { resolveVersion } from '../http/version-precondition';
import { Endpoint } from '../openapi/endpoint.decorator';
import { HISTORY_EXAMPLE, INTENT_EXAMPLE, VERIFICATION_EXAMPLE } from '../openapi/view-schemas';
import { ServiceClients } from '../services/service-clients';
import { ViewsService } from '../views/application/views.service';
import { AmendIntentRequestDto } from './amend-intent.request.dto';
import { CreateIntentRequestDto } from './create-intent.request.dto';
import { ListIntentsQueryDto } from './list-intents.query.dto';

export const INTENT_ID_PARAM = { name: 'id', format: 'uuid', description: 'Intent id' };

@ApiTags('intents')
@Controller('intents')
export class IntentsController {
  constructor(
    private readonly services: ServiceClients,
    private readonly views: ViewsService,
  ) {}

  @Post()
  @HttpCode(201)
  @Endpoint({
    summary: 'File a refresh intent (DRAFT, or REQUESTED with submit: true)',
    description:
      'On an environment with `requiresApproval: false`, `submit: true` approves it at once (recorded as automatic).',
    roles: ['requester'],
    success: {
      status: 201,
      schema: 'IntentView',
      description: 'The intent as filed',
      example: INTENT_EXAMPLE,
    },
    problems: [400, 404, 413, 422],
    idempotencyKey: true,
  })
  async create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateIntentRequestDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntentView> {
    const intent = await this.services.call(intentsCreateRpc, {
      actor,
      payload: { ...body },
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    setLocation(reply, `intents/${intent.id}`);
    return intent;
  }

  @Get()
  @Endpoint({
    conditional: true,
    summary: 'List the intents you may see, newest first',
    description:
      'A non-admin sees the intents they requested, those of environments their groups own, and those naming one of their groups.',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'IntentPage',
      description: 'One page of intents',
      example: { items: [INTENT_EXAMPLE], nextCursor: null },
    },
    problems: [400],
  })
  list(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ListIntentsQueryDto,
  ): Promise<Page<IntentView>> {
    return this.services.call(intentsListRpc, { actor, payload: { ...query } });
  }

  @Get(':id')
  @ApiParam(INTENT_ID_PARAM)
  @Endpoint({
    conditional: true,
    summary: 'Read one intent',
    roles: ['viewer'],
    success: { status: 200, schema: 'IntentView', description: 'The intent', example: INTENT_EXAMPLE },
    problems: [404],
  })
  get(
    @Param('id', IntentIdPipe) intentId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<IntentView> {
    return this.views.intent(actor, intentId, () =>
      this.services.call(intentsGetRpc, { actor, payload: { intentId } }),
    );
  }

  @Patch(':id')
  @ApiParam(INTENT_ID_PARAM)
  @Endpoint({
    summary: 'Amend window, reason or notification groups',
    description:
      'A new window on an APPROVED or SCHEDULED intent returns it to REQUESTED for re-approval and moves its schedule. A stale version is 409.',
    roles: ['requester'],
    success: {
      status: 200,
      schema: 'IntentView',
      description: 'The intent as amended',
      example: INTENT_EXAMPLE,
    },
    problems: [400, 404, 409, 413, 428],
    ifMatch: true,
  })
  async amend(
    @Param('id', IntentIdPipe) intentId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: AmendIntentRequestDto,
    @Headers('if-match') ifMatch: string | string[] | undefined,
  ): Promise<IntentView> {
    const { version: _bodyVersion, ...changes } = body;
    const version = resolveVersion(body.version, ifMatch);
    return this.services.call(intentsAmendRpc, {
      actor,
      payload: { ...changes, intentId, version },
    });
  }

  @Get(':id/history')
  @ApiParam(INTENT_ID_PARAM)
  @Endpoint({
    conditional: true,
    summary: 'The audit trail of an intent, oldest first',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'HistoryEntry',
      array: true,
      description: 'Every transition: actor, action, from → to, notes, time, correlation id and hash chain',
      example: HISTORY_EXAMPLE,
    },
    problems: [404],
  })
  history(
    @Param('id', IntentIdPipe) intentId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<HistoryEntryView[]> {
    return this.services.call(intentsHistoryRpc, { actor, payload: { intentId } });
  }

  @Get(':id/history/verify')
  @ApiParam(INTENT_ID_PARAM)
  @Endpoint({
    conditional: true,
    summary: 'Recompute the hash chain of the audit trail',
    description: 'Says whether the chain is intact and, if not, the first broken entry.',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'HistoryVerification',
      description: 'The verdict',
      example: VERIFICATION_EXAMPLE,
    },
    problems: [404],
  })
  verifyHistory(
    @Param('id', IntentIdPipe) intentId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<HistoryVerification> {
    return this.services.call(intentsVerifyHistoryRpc, { actor, payload: { intentId } });
  }

  @Get(':id/conflicts')
  @ApiParam(INTENT_ID_PARAM)
  @Endpoint({
    conditional: true,
    summary: 'The conflicts of an intent, with their explanations',
    description:
      "Every conflict the conflicts service has recorded for the intent, whatever its status. Visibility is the intent's: 404 when you may not see it.",
    roles: ['viewer'],
    success: { status: 200, schema: 'ConflictView', array: true, description: 'The conflicts', example: [] },
    problems: [404],
  })
  async conflicts(
    @Param('id', IntentIdPipe) intentId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<ConflictView[]> {
    // The intents service owns visibility: ask it first, so a hidden intent stays a 404. Its
    // version tells the conflicts service which picture the answer must be for (ADR 0014).
    const { version } = await this.services.call(intentsGetRpc, { actor, payload: { intentId } });
    return this.services.call(conflictsForIntentRpc, { actor, payload: { intentId, version } });
  }
}
