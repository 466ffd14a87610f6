import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor } from '@envrefresh/auth';
import {
  ConflictCheckView,
  ConflictView,
  Page,
  conflictsAcknowledgeRpc,
  conflictsCheckRpc,
  conflictsListRpc,
  conflictsOverrideRpc,
} from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ConflictIdPipe } from '../http/path-params.pipe';
import { Endpoint } from '../openapi/endpoint.decorator';
import {
  ACKNOWLEDGED_CONFLICT_EXAMPLE,
  CONFLICT_CHECK_EXAMPLE,
  CONFLICT_EXAMPLE,
  OVERRIDDEN_CONFLICT_EXAMPLE,
} from '../openapi/view-schemas';
import { ServiceClients } from '../services/service-clients';
import { CheckConflictsRequestDto } from './check-conflicts.request.dto';
import { AcknowledgeConflictRequestDto, OverrideConflictRequestDto } from './conflict-decision.request.dto';
import { ListConflictsQueryDto } from './list-conflicts.query.dto';

const CONFLICT_ID_PARAM = { name: 'id', format: 'uuid', description: 'Conflict id' };

const RULES =
  'Rules: INTENT_OVERLAP, BOOKING_OVERLAP, BLACKOUT (BLOCKING), OUTSIDE_MAINTENANCE, DEPENDENCY, SOURCE_CONTENTION; each conflict explains what clashes and what to do about it.';

@ApiTags('conflicts')
@Controller('conflicts')
export class ConflictsController {
  constructor(private readonly services: ServiceClients) {}

  @Post('check')
  @HttpCode(200)
  @Endpoint({
    summary: 'Dry run: the conflicts a refresh in this window would have',
    description: `Judges the window under every enabled rule and creates nothing. \`blocking: true\` means such an intent could not be approved until each BLOCKING conflict is overridden or its cause is gone. When amending an intent, send its id as \`excludeIntentId\` so it does not conflict with itself. Another intent you may not see is named only as "another refresh" with its window: no id in \`relatedRef\`, no status, type or requester. ${RULES}`,
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'ConflictCheckView',
      description: 'What an intent with this window would meet',
      example: CONFLICT_CHECK_EXAMPLE,
    },
    problems: [400, 404, 413],
  })
  check(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CheckConflictsRequestDto,
  ): Promise<ConflictCheckView> {
    return this.services.call(conflictsCheckRpc, { actor, payload: { ...body } });
  }

  @Get()
  @Endpoint({
    summary: 'List conflicts of the intents you may see, newest first',
    description: `Visibility is the intents': a non-admin sees the conflicts of intents they requested, of environments their groups own, or naming one of their groups. ${RULES}`,
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'ConflictPage',
      description: 'One page of conflicts',
      example: { items: [CONFLICT_EXAMPLE], nextCursor: null },
    },
    problems: [400],
  })
  list(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ListConflictsQueryDto,
  ): Promise<Page<ConflictView>> {
    return this.services.call(conflictsListRpc, { actor, payload: { ...query } });
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiParam(CONFLICT_ID_PARAM)
  @Endpoint({
    summary: 'Acknowledge an OPEN WARNING conflict',
    description:
      'Says the warning was seen and accepted; it applies to WARNING conflicts only (a BLOCKING one needs an override). Publishes `conflict.acknowledged`. A conflict that is not OPEN or not a WARNING is 409. Only approvers of the owner group of the intent’s environment (or admins) decide: one who sees the conflict through a notification group gets 403 CONFLICT.NOT_IN_OWNER_GROUP.',
    roles: ['approver'],
    success: {
      status: 200,
      schema: 'ConflictView',
      description: 'The conflict, now ACKNOWLEDGED',
      example: ACKNOWLEDGED_CONFLICT_EXAMPLE,
    },
    problems: [400, 404, 409, 413],
  })
  acknowledge(
    @Param('id', ConflictIdPipe) conflictId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: AcknowledgeConflictRequestDto,
  ): Promise<ConflictView> {
    return this.services.call(conflictsAcknowledgeRpc, { actor, payload: { conflictId, notes: body.notes } });
  }

  @Post(':id/override')
  @HttpCode(200)
  @ApiParam(CONFLICT_ID_PARAM)
  @Endpoint({
    summary: 'Override an OPEN BLOCKING conflict with a justification',
    description:
      "Lets the intent be approved and started despite the conflict. The `justification` (10 to 2000 characters) is required; who overrode and why is recorded on the conflict and in the intent's history. The override holds through recomputation until the cause itself changes. Applies to BLOCKING conflicts only (a WARNING is acknowledged); a conflict that is not OPEN or not BLOCKING is 409. Nobody overrides for their own intent, and only approvers of the owner group of the intent's environment (or admins) override (403 CONFLICT.OWN_INTENT / CONFLICT.NOT_IN_OWNER_GROUP). Publishes `conflict.overridden`.",
    roles: ['approver'],
    success: {
      status: 200,
      schema: 'ConflictView',
      description: 'The conflict, now OVERRIDDEN',
      example: OVERRIDDEN_CONFLICT_EXAMPLE,
    },
    problems: [400, 404, 409, 413],
  })
  override(
    @Param('id', ConflictIdPipe) conflictId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: OverrideConflictRequestDto,
  ): Promise<ConflictView> {
    return this.services.call(conflictsOverrideRpc, {
      actor,
      payload: { conflictId, justification: body.justification },
    });
  }
}
