import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { isUUID } from 'class-validator';
import {
  RemoteProblem,
  RpcReplyOf,
  RpcRequestOf,
  conflictsBlockingForIntentRpc,
  conflictsForIntentRpc,
} from '@envrefresh/contracts';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { BLOCKING_CONFLICTS, BlockingConflicts } from '../application/blocking-conflicts.port';

/** Answers the gateway's approval gate (ADR 0009) and intent conflict reads from this service's own table. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter())
export class ConflictGateRpcController {
  constructor(@Inject(BLOCKING_CONFLICTS) private readonly conflicts: BlockingConflicts) {}

  @MessagePattern(conflictsBlockingForIntentRpc.pattern)
  async blockingForIntent(
    @Payload() request: RpcRequestOf<typeof conflictsBlockingForIntentRpc>,
  ): Promise<RpcReplyOf<typeof conflictsBlockingForIntentRpc>> {
    const intentId = request?.payload?.intentId;
    if (typeof intentId !== 'string' || !isUUID(intentId)) throw invalidIntentId();
    return { blocking: await this.conflicts.openBlockingFor(intentId) };
  }

  @MessagePattern(conflictsForIntentRpc.pattern)
  async forIntent(
    @Payload() request: RpcRequestOf<typeof conflictsForIntentRpc>,
  ): Promise<RpcReplyOf<typeof conflictsForIntentRpc>> {
    const intentId = request?.payload?.intentId;
    if (typeof intentId !== 'string' || !isUUID(intentId)) throw invalidIntentId();
    return this.conflicts.allFor(intentId);
  }
}

function invalidIntentId(): RemoteProblem {
  return {
    status: 400,
    type: 'https://envrefresh.dev/problems/validation',
    title: 'Invalid request',
    detail: 'intentId must be a UUID',
    errors: [{ field: 'intentId', message: 'must be a UUID' }],
  };
}
