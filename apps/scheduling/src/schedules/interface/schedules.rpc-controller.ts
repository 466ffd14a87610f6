import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcRequestOf, ScheduleView, schedulesGetRpc } from '@envrefresh/contracts';
import { ProvenUser, domainProblem } from '@envrefresh/application';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { ActingUser } from '@envrefresh/kernel';
import { ScheduleQueries } from '../application/schedule-queries.service';

/** `scheduling.schedules.*`: the schedules, for the user the gateway proves (ADR 0017). */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class SchedulesRpcController {
  constructor(private readonly queries: ScheduleQueries) {}

  @MessagePattern(schedulesGetRpc.pattern)
  get(
    @Payload() request: RpcRequestOf<typeof schedulesGetRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<ScheduleView> {
    return this.queries.get(user, request?.payload?.intentId, request?.payload?.version);
  }
}
