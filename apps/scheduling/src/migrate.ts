import { runMigrateCli } from '@envrefresh/persistence';
import { SCHEDULING_MIGRATIONS } from './migrations';

void runMigrateCli('scheduling', { schema: 'scheduling', migrations: SCHEDULING_MIGRATIONS });
