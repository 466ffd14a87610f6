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
import { ProvenUser, domainProblem } from '@envrefresh/application';
import { ActingUser } from '@envrefresh/kernel';
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
  create(
    @Payload() request: RpcRequestOf<typeof environmentsCreateRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<EnvironmentView> {
    return this.createEnvironment.execute({
      user,
      payload: request?.payload,
      idempotencyKey: request?.idempotencyKey,
    });
  }

  @MessagePattern(environmentsListRpc.pattern)
  list(
    @Payload() request: RpcRequestOf<typeof environmentsListRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<Page<EnvironmentView>> {
    return this.queries.list(user, request?.payload ?? {});
  }

  @MessagePattern(environmentsGetRpc.pattern)
  get(
    @Payload() request: RpcRequestOf<typeof environmentsGetRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<EnvironmentView> {
    return this.queries.get(user, request?.payload?.environment);
  }

  @MessagePattern(environmentsUpdateRpc.pattern)
  update(
    @Payload() request: RpcRequestOf<typeof environmentsUpdateRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<EnvironmentView> {
    return this.updateEnvironment.execute({
      user,
      ref: request?.payload?.environment,
      patch: request?.payload?.patch,
    });
  }
}
