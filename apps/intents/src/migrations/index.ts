import { CreateMessagingTables1763780000000 } from '@envrefresh/messaging';
import { CreateRefreshIntents1763780000100 } from './1763780000100-create-refresh-intents';

export const INTENTS_MIGRATIONS = [CreateMessagingTables1763780000000, CreateRefreshIntents1763780000100];
