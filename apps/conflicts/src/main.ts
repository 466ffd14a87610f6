import './tracing';
import 'reflect-metadata';
import { runService } from '@envrefresh/platform';
import { ConflictsAppModule } from './conflicts-app.module';
import { readConflictsConfig } from './conflicts.config';

void runService('conflicts', readConflictsConfig, (config) => ({
  module: ConflictsAppModule.register(config),
  rpc: true,
}));
