import './tracing';
import 'reflect-metadata';
import { runService } from '@envrefresh/platform';
import { NotificationsAppModule } from './notifications-app.module';
import { readNotificationsConfig } from './notifications.config';

void runService('notifications', readNotificationsConfig, (config) => ({
  module: NotificationsAppModule.register(config),
  rpc: true,
}));
