import { CreateMessagingTables1763780000000 } from '@envrefresh/messaging';
import { CreateIntentAudiences1763780000400 } from './1763780000400-create-intent-audiences';

export const NOTIFICATIONS_MIGRATIONS = [
  CreateMessagingTables1763780000000,
  CreateIntentAudiences1763780000400,
];
