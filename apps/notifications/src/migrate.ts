import { runMigrateCli } from '@envrefresh/persistence';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';

void runMigrateCli('notifications', { schema: 'notifications', migrations: NOTIFICATIONS_MIGRATIONS });
