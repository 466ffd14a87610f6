import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EnvironmentView, RpcRequestOf, catalogEnvironmentsRpc } from '@envrefresh/contracts';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { WithoutUserProof, domainProblem } from '@envrefresh/application';
import { CatalogSourceQuery } from '../application/catalog-source.query';

/** `intents.catalog.environments`: other services' projections of the catalog catch up here (ADR 0014). */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class CatalogSourceRpcController {
  constructor(private readonly source: CatalogSourceQuery) {}

  @MessagePattern(catalogEnvironmentsRpc.pattern)
  // Asked by another service for its projection (ADR 0014), for no user: only service broker users may publish to RPC queues.
  @WithoutUserProof()
  environments(@Payload() request: RpcRequestOf<typeof catalogEnvironmentsRpc>): Promise<EnvironmentView[]> {
    return this.source.environmentsByRef(request?.payload?.refs);
  }
}
