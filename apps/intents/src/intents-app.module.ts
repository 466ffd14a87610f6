import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule, ServiceRuntimeConfig } from '@envrefresh/platform';
import { RefreshIntentEntity } from './refresh-intents/infrastructure/refresh-intent.entity';
import { RefreshIntentsModule } from './refresh-intents/refresh-intents.module';

@Module({})
export class IntentsAppModule {
  static register(config: ServiceRuntimeConfig): DynamicModule {
    return {
      module: IntentsAppModule,
      imports: [ServiceModule.forRoot({ config, entities: [RefreshIntentEntity] }), RefreshIntentsModule],
    };
  }
}
