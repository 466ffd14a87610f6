import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@envrefresh/platform';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import { EnvironmentsModule } from './environments/environments.module';
import { IntentsConfig } from './intents.config';
import { RefreshIntentsModule } from './refresh-intents/refresh-intents.module';

@Module({})
export class IntentsAppModule {
  static register(config: IntentsConfig): DynamicModule {
    return {
      module: IntentsAppModule,
      imports: [
        ServiceModule.forRoot({ config }),
        EnvironmentsModule,
        RefreshIntentsModule.register(config),
        ApiTokensModule,
      ],
    };
  }
}
