import 'reflect-metadata';
import { readServiceRuntimeConfig, runService } from '@envrefresh/platform';
import { IntentsAppModule } from './intents-app.module';

void runService(
  'intents',
  (env) => readServiceRuntimeConfig('intents', env),
  (config) => ({
    module: IntentsAppModule.register(config),
    rpc: true,
  }),
);
