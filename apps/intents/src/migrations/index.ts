import { CreateMessagingTables1763780000000 } from '@envrefresh/messaging';
import { CreateRefreshIntents1763780000100 } from './1763780000100-create-refresh-intents';
import { CreateEnvironments1763790000000 } from './1763790000000-create-environments';
import { RefreshIntentLifecycle1763790000100 } from './1763790000100-refresh-intent-lifecycle';
import { CreateIntentHistory1763790000200 } from './1763790000200-create-intent-history';
import {
  CreateIdempotencyKeys1763790000300,
  IndexIdempotencyKeyAge1765000000100,
} from '@envrefresh/application';
import { CreateApiTokens1763800000300 } from './1763800000300-create-api-tokens';
import { PseudonymousHistory1763900000200 } from './1763900000200-pseudonymous-history';
import { OverrunGraceAndExpiry1764600000100 } from './1764600000100-overrun-grace-and-expiry';

export const INTENTS_MIGRATIONS = [
  CreateMessagingTables1763780000000,
  CreateRefreshIntents1763780000100,
  CreateEnvironments1763790000000,
  RefreshIntentLifecycle1763790000100,
  CreateIntentHistory1763790000200,
  CreateIdempotencyKeys1763790000300,
  CreateApiTokens1763800000300,
  PseudonymousHistory1763900000200,
  OverrunGraceAndExpiry1764600000100,
  IndexIdempotencyKeyAge1765000000100,
];
