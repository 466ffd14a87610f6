import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DeliveryView,
  Page,
  RpcRequestOf,
  deliveriesListRpc,
  deliveriesReplayRpc,
  deliveriesRetryRpc,
  subscriptionsTestRpc,
} from '@envrefresh/contracts';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { ProvenUser, domainProblem } from '@envrefresh/application';
import { ActingUser } from '@envrefresh/kernel';
import { DeliveriesAdminUseCase } from '../application/deliveries-admin.use-case';
import { DeliveryQueries } from '../application/delivery-queries.service';
import { TestSubscriptionUseCase } from '../application/test-subscription.use-case';

/** `notifications.deliveries.*` and the test message: the delivery log and what admins do with it. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class DeliveriesRpcController {
  constructor(
    private readonly queries: DeliveryQueries,
    private readonly admin: DeliveriesAdminUseCase,
    private readonly testSubscription: TestSubscriptionUseCase,
  ) {}

  @MessagePattern(deliveriesListRpc.pattern)
  list(
    @Payload() request: RpcRequestOf<typeof deliveriesListRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<Page<DeliveryView>> {
    return this.queries.list(user, request?.payload ?? {});
  }

  @MessagePattern(deliveriesRetryRpc.pattern)
  retry(
    @Payload() request: RpcRequestOf<typeof deliveriesRetryRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<DeliveryView> {
    return this.admin.retry(user, request?.payload?.deliveryId);
  }

  @MessagePattern(deliveriesReplayRpc.pattern)
  replay(
    @Payload() request: RpcRequestOf<typeof deliveriesReplayRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<{ replayed: number; deliveryIds: string[] }> {
    return this.admin.replay(user, request?.payload);
  }

  @MessagePattern(subscriptionsTestRpc.pattern)
  test(
    @Payload() request: RpcRequestOf<typeof subscriptionsTestRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<DeliveryView> {
    return this.testSubscription.execute(user, request?.payload?.subscriptionId);
  }
}
