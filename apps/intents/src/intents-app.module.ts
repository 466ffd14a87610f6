import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule, ServiceRuntimeConfig } from '@envrefresh/platform';
import { EnvironmentsModule } from './environments/environments.module';
import { RefreshIntentsModule } from './refresh-intents/refresh-intents.module';

@Module({})
export class IntentsAppModule {
  static register(config: ServiceRuntimeConfig): DynamicModule {
    return {
      module: IntentsAppModule,
      imports: [ServiceModule.forRoot({ config }), EnvironmentsModule, RefreshIntentsModule],
    };
  }
}
