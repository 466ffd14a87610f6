import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@envrefresh/platform';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { NotificationsConfig } from './notifications.config';

@Module({})
export class NotificationsAppModule {
  static register(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsAppModule,
      imports: [
        ServiceModule.forRoot({ config }),
        DeliveriesModule.register(config.delivery, config.channels),
      ],
    };
  }
}
