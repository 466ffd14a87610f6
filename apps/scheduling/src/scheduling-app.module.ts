import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@envrefresh/platform';
import { CalendarModule } from './calendar/calendar.module';
import { SchedulingConfig } from './scheduling.config';
import { SchedulesModule } from './schedules/schedules.module';

@Module({})
export class SchedulingAppModule {
  static register(config: SchedulingConfig): DynamicModule {
    return {
      module: SchedulingAppModule,
      imports: [ServiceModule.forRoot({ config }), SchedulesModule.register(config), CalendarModule],
    };
  }
}
