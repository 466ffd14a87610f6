import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@envrefresh/platform';
import { BookingsModule } from './bookings/bookings.module';
import { ConflictRegisterModule } from './conflict-register/conflict-register.module';
import { ConflictsConfig } from './conflicts.config';
import { DetectionModule } from './detection/detection.module';
import { WindowsModule } from './windows/windows.module';
import { WorldModule } from './world/world.module';

@Module({})
export class ConflictsAppModule {
  static register(config: ConflictsConfig): DynamicModule {
    return {
      module: ConflictsAppModule,
      imports: [
        ServiceModule.forRoot({ config }),
        WorldModule,
        DetectionModule.withRules(config.ruleSet),
        ConflictRegisterModule.register(config.recomputationWaitMs),
        BookingsModule,
        WindowsModule,
      ],
    };
  }
}
