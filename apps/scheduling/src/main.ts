import './tracing';
import 'reflect-metadata';
import { runService } from '@envrefresh/platform';
import { SchedulingAppModule } from './scheduling-app.module';
import { readSchedulingConfig } from './scheduling.config';

void runService('scheduling', readSchedulingConfig, (config) => ({
  module: SchedulingAppModule.register(config),
  rpc: true,
}));
