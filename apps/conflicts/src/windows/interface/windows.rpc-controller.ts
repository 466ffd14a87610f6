import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  Page,
  RpcRequestOf,
  WindowView,
  windowsCreateRpc,
  windowsDeleteRpc,
  windowsGetRpc,
  windowsListRpc,
} from '@envrefresh/contracts';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { ProvenUser, domainProblem } from '@envrefresh/application';
import { ActingUser } from '@envrefresh/kernel';
import { CreateWindowUseCase } from '../application/create-window.use-case';
import { DeleteWindowUseCase } from '../application/delete-window.use-case';
import { WindowQueries } from '../application/window-queries.service';

/** `conflicts.windows.*`: the gateway checks roles first; writes re-check admin here. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class WindowsRpcController {
  constructor(
    private readonly createWindow: CreateWindowUseCase,
    private readonly deleteWindow: DeleteWindowUseCase,
    private readonly queries: WindowQueries,
  ) {}

  @MessagePattern(windowsCreateRpc.pattern)
  create(
    @Payload() request: RpcRequestOf<typeof windowsCreateRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<WindowView> {
    return this.createWindow.execute({
      user,
      payload: request?.payload,
      idempotencyKey: request?.idempotencyKey,
    });
  }

  @MessagePattern(windowsListRpc.pattern)
  list(
    @Payload() request: RpcRequestOf<typeof windowsListRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<Page<WindowView>> {
    return this.queries.list(user, request?.payload ?? {});
  }

  @MessagePattern(windowsGetRpc.pattern)
  get(
    @Payload() request: RpcRequestOf<typeof windowsGetRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<WindowView> {
    return this.queries.get(user, request?.payload?.windowId);
  }

  @MessagePattern(windowsDeleteRpc.pattern)
  delete(
    @Payload() request: RpcRequestOf<typeof windowsDeleteRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<WindowView> {
    return this.deleteWindow.execute({ user, windowId: request?.payload?.windowId });
  }
}
