import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule, ServiceRuntimeConfig } from '@envrefresh/platform';
import { ConflictGateModule } from './conflict-gate/conflict-gate.module';
import { IntentWindowsModule } from './intent-windows/intent-windows.module';

@Module({})
export class ConflictsAppModule {
  static register(config: ServiceRuntimeConfig): DynamicModule {
    return {
      module: ConflictsAppModule,
      imports: [ServiceModule.forRoot({ config }), IntentWindowsModule, ConflictGateModule],
    };
  }
}
