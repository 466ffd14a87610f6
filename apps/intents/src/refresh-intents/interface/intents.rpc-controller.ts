import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateIntentRequest,
  HistoryEntryView,
  HistoryVerification,
  IntentView,
  Page,
  RefreshRecordView,
  RpcRequestOf,
  environmentsRefreshHistoryRpc,
  intentsAmendRpc,
  intentsCreateRpc,
  intentsGetRpc,
  intentsHistoryRpc,
  intentsListRpc,
  intentsTransitionRpc,
  intentsVerifyHistoryRpc,
} from '@envrefresh/contracts';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { ProvenUser, domainProblem, userRequestProofOf } from '@envrefresh/application';
import { ActingUser } from '@envrefresh/kernel';
import { AmendIntentUseCase } from '../application/amend-intent.use-case';
import { FileIntentUseCase } from '../application/file-intent.use-case';
import { IntentQueries } from '../application/intent-queries.service';
import { RefreshHistoryQuery } from '../application/refresh-history.query';
import { TransitionIntentUseCase } from '../application/transition-intent.use-case';

/**
 * `intents.*`: the intent lifecycle and its audit trail, plus the refresh history of an
 * environment (completed intents are this context's facts). Every reply that refuses is a
 * RemoteProblem with a stable code.
 */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class IntentsRpcController {
  constructor(
    private readonly fileIntent: FileIntentUseCase,
    private readonly amendIntent: AmendIntentUseCase,
    private readonly transitionIntent: TransitionIntentUseCase,
    private readonly queries: IntentQueries,
    private readonly refreshHistory: RefreshHistoryQuery,
  ) {}

  @MessagePattern(intentsCreateRpc.pattern)
  create(@Payload() request: CreateIntentRequest, @ProvenUser() user: ActingUser): Promise<IntentView> {
    return this.fileIntent.execute({
      user,
      payload: request?.payload,
      idempotencyKey: request?.idempotencyKey,
    });
  }

  @MessagePattern(intentsListRpc.pattern)
  list(
    @Payload() request: RpcRequestOf<typeof intentsListRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<Page<IntentView>> {
    return this.queries.list(user, request?.payload ?? {});
  }

  @MessagePattern(intentsGetRpc.pattern)
  get(
    @Payload() request: RpcRequestOf<typeof intentsGetRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<IntentView> {
    return this.queries.get(user, request?.payload?.intentId);
  }

  @MessagePattern(intentsAmendRpc.pattern)
  amend(
    @Payload() request: RpcRequestOf<typeof intentsAmendRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<IntentView> {
    return this.amendIntent.execute({ user, payload: request?.payload });
  }

  @MessagePattern(intentsTransitionRpc.pattern)
  transition(
    @Payload() request: RpcRequestOf<typeof intentsTransitionRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<IntentView> {
    return this.transitionIntent.execute({
      user,
      payload: request?.payload,
      proof: userRequestProofOf(request),
    });
  }

  @MessagePattern(intentsHistoryRpc.pattern)
  history(
    @Payload() request: RpcRequestOf<typeof intentsHistoryRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<HistoryEntryView[]> {
    return this.queries.historyOf(user, request?.payload?.intentId);
  }

  @MessagePattern(intentsVerifyHistoryRpc.pattern)
  verifyHistory(
    @Payload() request: RpcRequestOf<typeof intentsVerifyHistoryRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<HistoryVerification> {
    return this.queries.verifyHistory(user, request?.payload?.intentId);
  }

  @MessagePattern(environmentsRefreshHistoryRpc.pattern)
  environmentRefreshHistory(
    @Payload() request: RpcRequestOf<typeof environmentsRefreshHistoryRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<Page<RefreshRecordView>> {
    return this.refreshHistory.execute(user, request?.payload ?? {});
  }
}
