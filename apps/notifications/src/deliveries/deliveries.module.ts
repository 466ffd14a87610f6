import { DynamicModule, Module } from '@nestjs/common';
import { ChannelsConfig } from '../channels/channels.config';
import { ChannelsModule } from '../channels/channels.module';
import { IntentAudiencesModule } from '../intent-audiences/intent-audiences.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { DeliveryEventStore } from './application/delivery-event-store';
import { AttemptDeliveryService } from './application/attempt-delivery.service';
import { DeliveriesAdminUseCase } from './application/deliveries-admin.use-case';
import { DELIVERY_REPOSITORY } from './application/delivery.repository.port';
import { DELIVERY_NUDGE } from './application/delivery-nudge.port';
import { DeliveryQueries } from './application/delivery-queries.service';
import { FanOutEventUseCase } from './application/fan-out-event.use-case';
import { DELIVERY_SETTINGS, DeliverySettings } from './application/notifications.settings';
import { TestSubscriptionUseCase } from './application/test-subscription.use-case';
import { DeliveryWorkerPool } from './infrastructure/delivery-worker-pool';
import { SqlDeliveryRepository } from './infrastructure/sql-delivery.repository';
import { DeliveriesRpcController } from './interface/deliveries.rpc-controller';
import { NotificationEventsHandler } from './interface/notification-events.handler';

/** Fan-out of events into deliveries, the workers that send them, and the delivery log. */
@Module({})
export class DeliveriesModule {
  static register(settings: DeliverySettings, channels: ChannelsConfig): DynamicModule {
    return {
      module: DeliveriesModule,
      imports: [
        ChannelsModule.register(channels),
        IntentAudiencesModule,
        SubscriptionsModule.register(channels.outbound),
      ],
      controllers: [DeliveriesRpcController],
      providers: [
        { provide: DELIVERY_SETTINGS, useValue: settings },
        { provide: DELIVERY_REPOSITORY, useClass: SqlDeliveryRepository },
        AttemptDeliveryService,
        DeliveryEventStore,
        DeliveryWorkerPool,
        { provide: DELIVERY_NUDGE, useExisting: DeliveryWorkerPool },
        FanOutEventUseCase,
        DeliveriesAdminUseCase,
        DeliveryQueries,
        TestSubscriptionUseCase,
        NotificationEventsHandler,
      ],
    };
  }
}
