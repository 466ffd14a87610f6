import './tracing';
import 'reflect-metadata';
import { runService } from '@envrefresh/platform';
import { IntentsAppModule } from './intents-app.module';
import { readIntentsConfig } from './intents.config';

void runService('intents', readIntentsConfig, (config) => ({
  module: IntentsAppModule.register(config),
  rpc: true,
}));
