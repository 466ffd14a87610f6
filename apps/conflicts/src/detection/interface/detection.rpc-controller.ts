import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ConflictCheckView,
  FreeSlotsView,
  FreezeView,
  RpcRequestOf,
  conflictsCheckRpc,
  conflictsFreeSlotsRpc,
  conflictsFreezeRpc,
} from '@envrefresh/contracts';
import { ProvenUser, domainProblem } from '@envrefresh/application';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { ActingUser } from '@envrefresh/kernel';
import { ConflictCheckQuery } from '../application/conflict-check.query';
import { FreeSlotsQuery } from '../application/free-slots.query';
import { FreezeQuery } from '../application/freeze.query';

/** Questions answered by the rules without storing anything: dry-run check, free slots, freeze. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class DetectionRpcController {
  constructor(
    private readonly checks: ConflictCheckQuery,
    private readonly freeSlots: FreeSlotsQuery,
    private readonly freeze: FreezeQuery,
  ) {}

  @MessagePattern(conflictsCheckRpc.pattern)
  check(
    @Payload() request: RpcRequestOf<typeof conflictsCheckRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<ConflictCheckView> {
    return this.checks.check(user, request?.payload as unknown as Record<string, unknown>);
  }

  @MessagePattern(conflictsFreeSlotsRpc.pattern)
  slots(
    @Payload() request: RpcRequestOf<typeof conflictsFreeSlotsRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<FreeSlotsView> {
    return this.freeSlots.find(user, request?.payload as unknown as Record<string, unknown>);
  }

  @MessagePattern(conflictsFreezeRpc.pattern)
  frozen(
    @Payload() request: RpcRequestOf<typeof conflictsFreezeRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<FreezeView> {
    return this.freeze.at(user, request?.payload);
  }
}
