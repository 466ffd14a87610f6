import { CreateMessagingTables1763780000000 } from '@envrefresh/messaging';
import { CreateIntentWindows1763780000200 } from './1763780000200-create-intent-windows';
import { CreateConflicts1763780000300 } from './1763780000300-create-conflicts';

export const CONFLICTS_MIGRATIONS = [
  CreateMessagingTables1763780000000,
  CreateIntentWindows1763780000200,
  CreateConflicts1763780000300,
];
