import {
  CreateIdempotencyKeys1763790000300,
  IndexIdempotencyKeyAge1765000000100,
} from '@envrefresh/application';
import { CreateMessagingTables1763780000000 } from '@envrefresh/messaging';
import { CreateIntentWindows1763780000200 } from './1763780000200-create-intent-windows';
import { CreateConflicts1763780000300 } from './1763780000300-create-conflicts';
import { ExtendWorldPicture1763800000400 } from './1763800000400-extend-world-picture';
import { CreateBookings1763800000500 } from './1763800000500-create-bookings';
import { KeepDeletedWindows1765000000200 } from './1765000000200-keep-deleted-windows';
import { CreateWindows1763800000600 } from './1763800000600-create-windows';
import { CreateWorldRevision1763800000700 } from './1763800000700-create-world-revision';
import { DiscreetExplanations1763900000100 } from './1763900000100-discreet-explanations';

export const CONFLICTS_MIGRATIONS = [
  CreateMessagingTables1763780000000,
  CreateIntentWindows1763780000200,
  CreateConflicts1763780000300,
  CreateIdempotencyKeys1763790000300,
  ExtendWorldPicture1763800000400,
  CreateBookings1763800000500,
  CreateWindows1763800000600,
  CreateWorldRevision1763800000700,
  DiscreetExplanations1763900000100,
  IndexIdempotencyKeyAge1765000000100,
  KeepDeletedWindows1765000000200,
];
