import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule, ServiceRuntimeConfig } from '@envrefresh/platform';
import { IntentAudiencesModule } from './intent-audiences/intent-audiences.module';

@Module({})
export class NotificationsAppModule {
  static register(config: ServiceRuntimeConfig): DynamicModule {
    return {
      module: NotificationsAppModule,
      imports: [ServiceModule.forRoot({ config }), IntentAudiencesModule],
    };
  }
}
