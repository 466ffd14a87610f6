import {
  apiTokensCreateRpc,
  apiTokensListRpc,
  apiTokensResolveRpc,
  apiTokensRevokeRpc,
} from './api-tokens.rpc';
import { bookingsCancelRpc, bookingsCreateRpc, bookingsGetRpc, bookingsListRpc } from './bookings.rpc';
import {
  calendarEntriesRpc,
  calendarFeedEntriesRpc,
  calendarFeedsCreateRpc,
  calendarFeedsListRpc,
  calendarFeedsRevokeRpc,
} from './calendar.rpc';
import { conflictsBlockingForIntentRpc, conflictsForIntentRpc } from './conflict-gate.rpc';
import {
  conflictsAcknowledgeRpc,
  conflictsCheckRpc,
  conflictsFreeSlotsRpc,
  conflictsFreezeRpc,
  conflictsListRpc,
  conflictsOverrideRpc,
} from './conflicts.rpc';
import {
  environmentsCreateRpc,
  environmentsGetRpc,
  environmentsListRpc,
  environmentsRefreshHistoryRpc,
  environmentsUpdateRpc,
} from './environments.rpc';
import {
  intentsAmendRpc,
  intentsGetRpc,
  intentsHistoryRpc,
  intentsListRpc,
  intentsTransitionRpc,
  intentsVerifyHistoryRpc,
} from './intent-lifecycle.rpc';
import { intentsCreateRpc } from './intents.rpc';
import {
  deliveriesListRpc,
  deliveriesReplayRpc,
  deliveriesRetryRpc,
  subscriptionsCreateRpc,
  subscriptionsDeleteRpc,
  subscriptionsListRpc,
  subscriptionsRotateSecretRpc,
  subscriptionsTestRpc,
  subscriptionsUpdateRpc,
} from './notifications.rpc';
import { PING_RPCS } from './ping.rpc';
import {
  calendarCatchUpRpc,
  catalogBookingsRpc,
  catalogEnvironmentsRpc,
  catalogIntentsRpc,
  catalogWindowsRpc,
  conflictsCatchUpRpc,
} from './projection-sources.rpc';
import { schedulesGetRpc } from './schedules.rpc';
import { windowsCreateRpc, windowsDeleteRpc, windowsGetRpc, windowsListRpc } from './windows.rpc';

/** Every request/reply pattern the services answer. */
export const RPC_CATALOG = [
  intentsCreateRpc,
  intentsListRpc,
  intentsGetRpc,
  intentsAmendRpc,
  intentsTransitionRpc,
  intentsHistoryRpc,
  intentsVerifyHistoryRpc,
  environmentsCreateRpc,
  environmentsListRpc,
  environmentsGetRpc,
  environmentsUpdateRpc,
  environmentsRefreshHistoryRpc,
  conflictsBlockingForIntentRpc,
  conflictsForIntentRpc,
  conflictsCheckRpc,
  conflictsListRpc,
  conflictsAcknowledgeRpc,
  conflictsOverrideRpc,
  conflictsFreeSlotsRpc,
  conflictsFreezeRpc,
  bookingsCreateRpc,
  bookingsListRpc,
  bookingsGetRpc,
  bookingsCancelRpc,
  windowsCreateRpc,
  windowsListRpc,
  windowsGetRpc,
  windowsDeleteRpc,
  apiTokensCreateRpc,
  apiTokensListRpc,
  apiTokensRevokeRpc,
  apiTokensResolveRpc,
  catalogEnvironmentsRpc,
  catalogIntentsRpc,
  conflictsCatchUpRpc,
  schedulesGetRpc,
  subscriptionsCreateRpc,
  subscriptionsListRpc,
  subscriptionsDeleteRpc,
  subscriptionsUpdateRpc,
  subscriptionsRotateSecretRpc,
  subscriptionsTestRpc,
  deliveriesListRpc,
  deliveriesRetryRpc,
  deliveriesReplayRpc,
  catalogBookingsRpc,
  catalogWindowsRpc,
  calendarCatchUpRpc,
  calendarEntriesRpc,
  calendarFeedsCreateRpc,
  calendarFeedsListRpc,
  calendarFeedsRevokeRpc,
  calendarFeedEntriesRpc,
  ...PING_RPCS,
] as const;
export type RpcPattern = (typeof RPC_CATALOG)[number]['pattern'];
