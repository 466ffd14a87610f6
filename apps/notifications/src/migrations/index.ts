import {
  CreateIdempotencyKeys1763790000300,
  IndexIdempotencyKeyAge1765000000100,
} from '@envrefresh/application';
import { RecordWhoDeletedSubscriptions1765000000300 } from './1765000000300-record-who-deleted-subscriptions';
import { CreateMessagingTables1763780000000 } from '@envrefresh/messaging';
import { CreateIntentAudiences1763780000400 } from './1763780000400-create-intent-audiences';
import { CreateNotificationsCore1764600000400 } from './1764600000400-create-notifications-core';
import { IndexDeliveryClaim1764600000500 } from './1764600000500-index-delivery-claim';
import { TrackDeliveryHeads1765000000400 } from './1765000000400-track-delivery-heads';
import { RefreshDeliveryHeadsAsSets1765000000500 } from './1765000000500-refresh-delivery-heads-as-sets';
import { StoreDeliveryEventsOnce1765000000600 } from './1765000000600-store-delivery-events-once';

export const NOTIFICATIONS_MIGRATIONS = [
  CreateMessagingTables1763780000000,
  CreateIntentAudiences1763780000400,
  CreateIdempotencyKeys1763790000300,
  CreateNotificationsCore1764600000400,
  IndexDeliveryClaim1764600000500,
  IndexIdempotencyKeyAge1765000000100,
  RecordWhoDeletedSubscriptions1765000000300,
  TrackDeliveryHeads1765000000400,
  RefreshDeliveryHeadsAsSets1765000000500,
  StoreDeliveryEventsOnce1765000000600,
];
