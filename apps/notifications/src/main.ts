import 'reflect-metadata';
import { readServiceRuntimeConfig, runService } from '@envrefresh/platform';
import { NotificationsAppModule } from './notifications-app.module';

void runService(
  'notifications',
  (env) => readServiceRuntimeConfig('notifications', env),
  (config) => ({
    module: NotificationsAppModule.register(config),
    rpc: true,
  }),
);
