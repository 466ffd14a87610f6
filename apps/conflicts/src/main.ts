import 'reflect-metadata';
import { readServiceRuntimeConfig, runService } from '@envrefresh/platform';
import { ConflictsAppModule } from './conflicts-app.module';

void runService(
  'conflicts',
  (env) => readServiceRuntimeConfig('conflicts', env),
  (config) => ({
    module: ConflictsAppModule.register(config),
    rpc: true,
  }),
);
