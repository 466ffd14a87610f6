import { Body, Controller, Headers, HttpCode, Param, Post, Type, applyDecorators } from '@nestjs/common';
import { ApiBody, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor, Role } from '@envrefresh/auth';
import {
  ExecutionFacts,
  IntentAction,
  IntentView,
  TransitionIntentPayload,
  intentsTransitionRpc,
} from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IntentIdPipe } from '../http/path-params.pipe';
import { resolveVersion } from '../http/version-precondition';
import { Endpoint } from '../openapi/endpoint.decorator';
import { INTENT_EXAMPLE } from '../openapi/view-schemas';
import { ServiceClients } from '../services/service-clients';
import {
  CompleteIntentRequestDto,
  IntentActionRequestDto,
  NotedIntentActionRequestDto,
} from './intent-action.request.dto';
import { INTENT_ID_PARAM } from './intents.controller';

type IfMatch = string | string[] | undefined;

/** The OpenAPI operation and role guard of one action; `body` documents what it accepts. */
const Action = (
  roles: Role[],
  summary: string,
  description: string,
  body: { type: Type<unknown>; required: boolean } = { type: IntentActionRequestDto, required: false },
) =>
  applyDecorators(
    ApiBody(body),
    Endpoint({
      summary,
      description: `${description} Anything the state machine does not allow is 409 with \`allowedActions\`; a stale version is 409.`,
      roles,
      success: {
        status: 200,
        schema: 'IntentView',
        description: 'The intent after the transition',
        example: INTENT_EXAMPLE,
      },
      problems: [400, 404, 409, 413, 428],
      ifMatch: true,
    }),
  );

const NOTES_REQUIRED = { type: NotedIntentActionRequestDto, required: true };

/** `POST /intents/{id}/{action}`: one route per action of the state machine, each with its role. */
@ApiTags('intents')
@ApiParam(INTENT_ID_PARAM)
@Controller('intents/:id')
export class IntentActionsController {
  constructor(private readonly services: ServiceClients) {}

  @Post('submit')
  @HttpCode(200)
  @Action(
    ['requester'],
    'Submit a draft for approval',
    'DRAFT → REQUESTED (APPROVED at once when the environment does not require approval).',
  )
  submit(
    @Param('id', IntentIdPipe) id: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: IntentActionRequestDto,
    @Headers('if-match') ifMatch: IfMatch,
  ): Promise<IntentView> {
    return this.transition(actor, id, 'submit', body, ifMatch);
  }

  @Post('approve')
  @HttpCode(200)
  @Action(
    ['approver'],
    'Approve a requested refresh',
    'REQUESTED → APPROVED. Refused (409) while the intent has an OPEN BLOCKING conflict, as the conflicts service reports it when the intents service asks it now; 503 when that cannot be checked. Nobody approves their own intent (403); only approvers of the owner group of its environment (or admins) approve: one who sees it through a notification group gets 403 INTENT.NOT_IN_OWNER_GROUP.',
  )
  approve(
    @Param('id', IntentIdPipe) id: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: IntentActionRequestDto,
    @Headers('if-match') ifMatch: IfMatch,
  ): Promise<IntentView> {
    return this.transition(actor, id, 'approve', body, ifMatch);
  }

  @Post('reject')
  @HttpCode(200)
  @Action(
    ['approver'],
    'Reject a requested refresh',
    'REQUESTED → REJECTED. `notes` are required: they tell the requester why. Only approvers of the owner group of its environment (or admins) reject (else 403 INTENT.NOT_IN_OWNER_GROUP).',
    NOTES_REQUIRED,
  )
  reject(
    @Param('id', IntentIdPipe) id: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: NotedIntentActionRequestDto,
    @Headers('if-match') ifMatch: IfMatch,
  ): Promise<IntentView> {
    return this.transition(actor, id, 'reject', body, ifMatch);
  }

  @Post('start')
  @HttpCode(200)
  @Action(
    ['operator'],
    'Start a scheduled refresh',
    'SCHEDULED → IN_PROGRESS. Refused (409, with `earliestStart`) more than START_EARLY_TOLERANCE (default PT15M) before plannedStart: amend the window to start sooner. Conflicts are checked again from this moment to plannedEnd: refused (409) while one is OPEN and BLOCKING, 503 when that cannot be checked. Only operators of the owner group of its environment (or admins) run a refresh (else 403 INTENT.NOT_IN_OWNER_GROUP).',
  )
  start(
    @Param('id', IntentIdPipe) id: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: IntentActionRequestDto,
    @Headers('if-match') ifMatch: IfMatch,
  ): Promise<IntentView> {
    return this.transition(actor, id, 'start', body, ifMatch);
  }

  @Post('complete')
  @HttpCode(200)
  @Action(
    ['operator'],
    'Record a finished refresh',
    "IN_PROGRESS → COMPLETED, with execution facts for the environment's refresh history and lastRefreshedAt. Only operators of the owner group of its environment (or admins) (else 403 INTENT.NOT_IN_OWNER_GROUP).",
    { type: CompleteIntentRequestDto, required: false },
  )
  complete(
    @Param('id', IntentIdPipe) id: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CompleteIntentRequestDto,
    @Headers('if-match') ifMatch: IfMatch,
  ): Promise<IntentView> {
    const { durationSeconds, rowsAffected, dataVolumeGb, logUrl } = body;
    const facts: ExecutionFacts = { durationSeconds, rowsAffected, dataVolumeGb, logUrl };
    return this.send(actor, {
      intentId: id,
      action: 'complete',
      version: resolveVersion(body.version, ifMatch),
      notes: body.notes,
      facts,
    });
  }

  @Post('fail')
  @HttpCode(200)
  @Action(
    ['operator'],
    'Record a failed refresh',
    'IN_PROGRESS → FAILED. `notes` are required: what went wrong. Only operators of the owner group of its environment (or admins) (else 403 INTENT.NOT_IN_OWNER_GROUP).',
    NOTES_REQUIRED,
  )
  fail(
    @Param('id', IntentIdPipe) id: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: NotedIntentActionRequestDto,
    @Headers('if-match') ifMatch: IfMatch,
  ): Promise<IntentView> {
    return this.transition(actor, id, 'fail', body, ifMatch);
  }

  @Post('rollback')
  @HttpCode(200)
  @Action(
    ['operator'],
    'Record a rolled-back refresh',
    'IN_PROGRESS or FAILED → ROLLED_BACK. Only operators of the owner group of its environment (or admins) (else 403 INTENT.NOT_IN_OWNER_GROUP).',
  )
  rollback(
    @Param('id', IntentIdPipe) id: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: IntentActionRequestDto,
    @Headers('if-match') ifMatch: IfMatch,
  ): Promise<IntentView> {
    return this.transition(actor, id, 'rollback', body, ifMatch);
  }

  @Post('cancel')
  @HttpCode(200)
  @Action(
    ['requester'],
    'Cancel a refresh that has not started',
    'DRAFT, REQUESTED, APPROVED or SCHEDULED → CANCELLED.',
  )
  cancel(
    @Param('id', IntentIdPipe) id: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: IntentActionRequestDto,
    @Headers('if-match') ifMatch: IfMatch,
  ): Promise<IntentView> {
    return this.transition(actor, id, 'cancel', body, ifMatch);
  }

  private transition(
    actor: AuthenticatedActor,
    intentId: string,
    action: IntentAction,
    body: { version?: number; notes?: string },
    ifMatch: IfMatch,
  ): Promise<IntentView> {
    return this.send(actor, {
      intentId,
      action,
      version: resolveVersion(body.version, ifMatch),
      notes: body.notes,
    });
  }

  private send(actor: AuthenticatedActor, payload: TransitionIntentPayload): Promise<IntentView> {
    return this.services.call(intentsTransitionRpc, { actor, payload });
  }
}
