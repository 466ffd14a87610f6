import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ConflictView,
  Page,
  RpcReplyOf,
  RpcRequestOf,
  conflictsAcknowledgeRpc,
  conflictsBlockingForIntentRpc,
  conflictsForIntentRpc,
  conflictsListRpc,
  conflictsOverrideRpc,
  intentsTransitionRpc,
} from '@envrefresh/contracts';
import { DelegatedUserProof, ProvenUser, domainProblem } from '@envrefresh/application';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { ActingUser, DomainError } from '@envrefresh/kernel';
import { ApprovalGateQuery } from '../application/approval-gate.query';
import { ConflictQueries } from '../application/conflict-queries.service';
import { DecideConflictUseCase } from '../application/decide-conflict.use-case';

/** The stored conflicts: the approval gate (ADR 0009), reads, and approvers' decisions. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class ConflictRegisterRpcController {
  constructor(
    private readonly gate: ApprovalGateQuery,
    private readonly queries: ConflictQueries,
    private readonly decide: DecideConflictUseCase,
  ) {}

  /**
   * Asked by the intents service on a user's behalf: the user's `intents.transition` request rides
   * along and its assertion is checked here (ADR 0017); it must be an approve or start of this very
   * intent, so a proof for one intent cannot open another's gate.
   */
  @MessagePattern(conflictsBlockingForIntentRpc.pattern)
  @DelegatedUserProof(intentsTransitionRpc)
  async blockingForIntent(
    @Payload() request: RpcRequestOf<typeof conflictsBlockingForIntentRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<RpcReplyOf<typeof conflictsBlockingForIntentRpc>> {
    const asked = (request?.onBehalfOf as { payload?: { intentId?: unknown; action?: unknown } })?.payload;
    if (
      asked?.intentId !== request?.payload?.intentId ||
      (asked?.action !== 'approve' && asked?.action !== 'start')
    )
      throw new DomainError('forbidden', 'AUTH.NOT_DELEGATED', 'The user asked nothing of this intent');
    return this.gate.blockingFor(
      user,
      request.payload.intentId,
      request.payload.intent,
      request.payload.from,
    );
  }

  @MessagePattern(conflictsForIntentRpc.pattern)
  forIntent(
    @Payload() request: RpcRequestOf<typeof conflictsForIntentRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<ConflictView[]> {
    return this.queries.allFor(user, request?.payload?.intentId, request?.payload?.version);
  }

  @MessagePattern(conflictsListRpc.pattern)
  list(
    @Payload() request: RpcRequestOf<typeof conflictsListRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<Page<ConflictView>> {
    return this.queries.list(user, request?.payload ?? {});
  }

  @MessagePattern(conflictsAcknowledgeRpc.pattern)
  acknowledge(
    @Payload() request: RpcRequestOf<typeof conflictsAcknowledgeRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<ConflictView> {
    return this.decide.acknowledge(user, request?.payload ?? {});
  }

  @MessagePattern(conflictsOverrideRpc.pattern)
  override(
    @Payload() request: RpcRequestOf<typeof conflictsOverrideRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<ConflictView> {
    return this.decide.override(user, request?.payload ?? {});
  }
}
