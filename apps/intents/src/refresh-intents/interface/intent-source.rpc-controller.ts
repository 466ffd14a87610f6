import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IntentView, RpcRequestOf, catalogIntentsRpc } from '@envrefresh/contracts';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { WithoutUserProof, domainProblem } from '@envrefresh/application';
import { IntentSourceQuery } from '../application/intent-source.query';

/** `intents.catalog.intents`: other services' projections of intents catch up here (ADR 0014). */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class IntentSourceRpcController {
  constructor(private readonly source: IntentSourceQuery) {}

  @MessagePattern(catalogIntentsRpc.pattern)
  // Asked by another service for its projection (ADR 0014), for no user: only service broker users may publish to RPC queues.
  @WithoutUserProof()
  intents(@Payload() request: RpcRequestOf<typeof catalogIntentsRpc>): Promise<IntentView[]> {
    return this.source.byIds(request?.payload?.ids);
  }
}
