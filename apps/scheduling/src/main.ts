import 'reflect-metadata';
import { readServiceRuntimeConfig, runService } from '@envrefresh/platform';
import { SchedulingAppModule } from './scheduling-app.module';

void runService(
  'scheduling',
  (env) => readServiceRuntimeConfig('scheduling', env),
  (config) => ({
    module: SchedulingAppModule.register(config),
    rpc: true,
  }),
);
