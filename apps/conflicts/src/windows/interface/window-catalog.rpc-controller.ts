import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcReplyOf, RpcRequestOf, catalogWindowsRpc } from '@envrefresh/contracts';
import { WithoutUserProof, domainProblem } from '@envrefresh/application';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { WindowQueries } from '../application/window-queries.service';

/** `conflicts.catalog.windows`: the calendar asks for windows it has not heard of yet (ADR 0014). */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class WindowCatalogRpcController {
  constructor(private readonly queries: WindowQueries) {}

  @MessagePattern(catalogWindowsRpc.pattern)
  // Asked by another service for its projection, for no user: windows are on the broker for every consumer.
  @WithoutUserProof()
  windows(
    @Payload() request: RpcRequestOf<typeof catalogWindowsRpc>,
  ): Promise<RpcReplyOf<typeof catalogWindowsRpc>> {
    return this.queries.byIds(request?.payload?.ids);
  }
}
