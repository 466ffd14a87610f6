import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  EnvironmentView,
  Page,
  RpcRequestOf,
  environmentsCreateRpc,
  environmentsGetRpc,
  environmentsListRpc,
  environmentsUpdateRpc,
} from '@envrefresh/contracts';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { domainProblem } from '@envrefresh/application';
import { CreateEnvironmentUseCase } from '../application/create-environment.use-case';
import { EnvironmentQueries } from '../application/environment-queries.service';
import { UpdateEnvironmentUseCase } from '../application/update-environment.use-case';

/** `intents.environments.*`: the catalog. The gateway checks roles first; writes re-check admin here. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class EnvironmentsRpcController {
  constructor(
    private readonly createEnvironment: CreateEnvironmentUseCase,
    private readonly updateEnvironment: UpdateEnvironmentUseCase,
    private readonly queries: EnvironmentQueries,
  ) {}

  @MessagePattern(environmentsCreateRpc.pattern)
  create(@Payload() request: RpcRequestOf<typeof environmentsCreateRpc>): Promise<EnvironmentView> {
    return this.createEnvironment.execute({
      actor: request?.actor,
      payload: request?.payload,
      idempotencyKey: request?.idempotencyKey,
    });
  }

  @MessagePattern(environmentsListRpc.pattern)
  list(@Payload() request: RpcRequestOf<typeof environmentsListRpc>): Promise<Page<EnvironmentView>> {
    return this.queries.list(request?.actor, request?.payload ?? {});
  }

  @MessagePattern(environmentsGetRpc.pattern)
  get(@Payload() request: RpcRequestOf<typeof environmentsGetRpc>): Promise<EnvironmentView> {
    return this.queries.get(request?.actor, request?.payload?.environment);
  }

  @MessagePattern(environmentsUpdateRpc.pattern)
  update(@Payload() request: RpcRequestOf<typeof environmentsUpdateRpc>): Promise<EnvironmentView> {
    return this.updateEnvironment.execute({
      actor: request?.actor,
      ref: request?.payload?.environment,
      patch: request?.payload?.patch,
    });
  }
}
