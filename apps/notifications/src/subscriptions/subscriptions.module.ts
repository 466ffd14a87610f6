import { DynamicModule, Module } from '@nestjs/common';
import { IdempotencyModule } from '@envrefresh/application';
import { OutboundConfig } from '@envrefresh/outbound';
import { CreateSubscriptionUseCase } from './application/create-subscription.use-case';
import { ManageSubscriptionUseCase } from './application/manage-subscription.use-case';
import { SUBSCRIPTION_REPOSITORY } from './application/subscription.repository.port';
import { SubscriptionQueries } from './application/subscription-queries.service';
import { TARGET_POLICY } from './application/target-policy.port';
import { OUTBOUND_CONFIG, OutboundTargetPolicy } from './infrastructure/outbound-target.policy';
import { SqlSubscriptionRepository } from './infrastructure/sql-subscription.repository';
import { SubscriptionsRpcController } from './interface/subscriptions.rpc-controller';

@Module({})
export class SubscriptionsModule {
  static register(outbound: OutboundConfig): DynamicModule {
    return {
      module: SubscriptionsModule,
      imports: [IdempotencyModule.forSchema('notifications')],
      controllers: [SubscriptionsRpcController],
      providers: [
        CreateSubscriptionUseCase,
        ManageSubscriptionUseCase,
        SubscriptionQueries,
        { provide: OUTBOUND_CONFIG, useValue: outbound },
        { provide: TARGET_POLICY, useClass: OutboundTargetPolicy },
        { provide: SUBSCRIPTION_REPOSITORY, useClass: SqlSubscriptionRepository },
      ],
      exports: [SUBSCRIPTION_REPOSITORY],
    };
  }
}
