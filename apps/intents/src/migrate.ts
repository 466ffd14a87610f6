import { runMigrateCli } from '@envrefresh/persistence';
import { INTENTS_MIGRATIONS } from './migrations';

void runMigrateCli('intents', { schema: 'intents', migrations: INTENTS_MIGRATIONS });
