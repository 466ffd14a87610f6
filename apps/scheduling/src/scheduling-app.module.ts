import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule, ServiceRuntimeConfig } from '@envrefresh/platform';
import { CalendarModule } from './calendar/calendar.module';
import { PlannedRefreshesModule } from './planned-refreshes/planned-refreshes.module';

@Module({})
export class SchedulingAppModule {
  static register(config: ServiceRuntimeConfig): DynamicModule {
    return {
      module: SchedulingAppModule,
      imports: [ServiceModule.forRoot({ config }), PlannedRefreshesModule, CalendarModule],
    };
  }
}
