import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  Page,
  RpcRequestOf,
  SubscriptionView,
  SubscriptionWithSecret,
  subscriptionsCreateRpc,
  subscriptionsDeleteRpc,
  subscriptionsListRpc,
  subscriptionsRotateSecretRpc,
  subscriptionsUpdateRpc,
} from '@envrefresh/contracts';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { ProvenUser, domainProblem } from '@envrefresh/application';
import { ActingUser } from '@envrefresh/kernel';
import { CreateSubscriptionUseCase } from '../application/create-subscription.use-case';
import { ManageSubscriptionUseCase } from '../application/manage-subscription.use-case';
import { SubscriptionQueries } from '../application/subscription-queries.service';

/** `notifications.subscriptions.*`: the gateway checks roles first; who may manage what is decided here. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class SubscriptionsRpcController {
  constructor(
    private readonly createSubscription: CreateSubscriptionUseCase,
    private readonly manage: ManageSubscriptionUseCase,
    private readonly queries: SubscriptionQueries,
  ) {}

  @MessagePattern(subscriptionsCreateRpc.pattern)
  create(
    @Payload() request: RpcRequestOf<typeof subscriptionsCreateRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<SubscriptionWithSecret> {
    return this.createSubscription.execute({
      user,
      payload: request?.payload,
      idempotencyKey: request?.idempotencyKey,
    });
  }

  @MessagePattern(subscriptionsListRpc.pattern)
  list(
    @Payload() request: RpcRequestOf<typeof subscriptionsListRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<Page<SubscriptionView>> {
    return this.queries.list(user, request?.payload ?? {});
  }

  @MessagePattern(subscriptionsDeleteRpc.pattern)
  delete(
    @Payload() request: RpcRequestOf<typeof subscriptionsDeleteRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<SubscriptionView> {
    return this.manage.delete(user, request?.payload?.subscriptionId);
  }

  @MessagePattern(subscriptionsUpdateRpc.pattern)
  update(
    @Payload() request: RpcRequestOf<typeof subscriptionsUpdateRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<SubscriptionView> {
    return this.manage.setEnabled(user, request?.payload?.subscriptionId, request?.payload?.enabled);
  }

  @MessagePattern(subscriptionsRotateSecretRpc.pattern)
  rotateSecret(
    @Payload() request: RpcRequestOf<typeof subscriptionsRotateSecretRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<SubscriptionWithSecret> {
    return this.manage.rotateSecret(user, request?.payload?.subscriptionId);
  }
}
