import { CreateIdempotencyKeys1763790000300 } from '@envrefresh/application';
import { CreateMessagingTables1763780000000 } from '@envrefresh/messaging';
import { CreateIntentWindows1763780000200 } from './1763780000200-create-intent-windows';
import { CreateConflicts1763780000300 } from './1763780000300-create-conflicts';
import { ExtendWorldPicture1763800000400 } from './1763800000400-extend-world-picture';

export const CONFLICTS_MIGRATIONS = [
  CreateMessagingTables1763780000000,
  CreateIntentWindows1763780000200,
  CreateConflicts1763780000300,
  CreateIdempotencyKeys1763790000300,
  ExtendWorldPicture1763800000400,
];
