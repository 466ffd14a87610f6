import { runMigrateCli } from '@envrefresh/persistence';
import { CONFLICTS_MIGRATIONS } from './migrations';

void runMigrateCli('conflicts', { schema: 'conflicts', migrations: CONFLICTS_MIGRATIONS });
