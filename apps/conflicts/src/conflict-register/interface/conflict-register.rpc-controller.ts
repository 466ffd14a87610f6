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
} from '@envrefresh/contracts';
import { domainProblem } from '@envrefresh/application';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { ConflictQueries } from '../application/conflict-queries.service';
import { DecideConflictUseCase } from '../application/decide-conflict.use-case';

/** The stored conflicts: the approval gate (ADR 0009), reads, and approvers' decisions. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class ConflictRegisterRpcController {
  constructor(
    private readonly queries: ConflictQueries,
    private readonly decide: DecideConflictUseCase,
  ) {}

  @MessagePattern(conflictsBlockingForIntentRpc.pattern)
  async blockingForIntent(
    @Payload() request: RpcRequestOf<typeof conflictsBlockingForIntentRpc>,
  ): Promise<RpcReplyOf<typeof conflictsBlockingForIntentRpc>> {
    return {
      blocking: await this.queries.openBlockingFor(request?.payload?.intentId, request?.payload?.intent),
    };
  }

  @MessagePattern(conflictsForIntentRpc.pattern)
  forIntent(@Payload() request: RpcRequestOf<typeof conflictsForIntentRpc>): Promise<ConflictView[]> {
    return this.queries.allFor(request?.actor, request?.payload?.intentId, request?.payload?.version);
  }

  @MessagePattern(conflictsListRpc.pattern)
  list(@Payload() request: RpcRequestOf<typeof conflictsListRpc>): Promise<Page<ConflictView>> {
    return this.queries.list(request?.actor, request?.payload ?? {});
  }

  @MessagePattern(conflictsAcknowledgeRpc.pattern)
  acknowledge(@Payload() request: RpcRequestOf<typeof conflictsAcknowledgeRpc>): Promise<ConflictView> {
    return this.decide.acknowledge(request?.actor, request?.payload ?? {});
  }

  @MessagePattern(conflictsOverrideRpc.pattern)
  override(@Payload() request: RpcRequestOf<typeof conflictsOverrideRpc>): Promise<ConflictView> {
    return this.decide.override(request?.actor, request?.payload ?? {});
  }
}
