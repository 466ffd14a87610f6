import { HistoryEntryView, HistoryVerification } from '../model/history-entry';
import { IntentAction } from '../model/intent-lifecycle';
import { IntentStatus, IntentView } from '../model/intent-view';
import { Page, PageQuery } from './page';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

export interface IntentRef {
  intentId: string;
}

export interface ListIntentsQuery extends PageQuery {
  status?: IntentStatus;
  environmentId?: string;
  /** Intents whose window ends after `from` and starts before `to`. */
  from?: string;
  to?: string;
}

export interface AmendIntentPayload extends IntentRef {
  version: number;
  plannedStart?: string;
  plannedEnd?: string;
  reason?: string;
  notificationGroups?: string[];
}

/** Facts an operator records with `complete`. */
export interface ExecutionFacts {
  durationSeconds?: number;
  rowsAffected?: number;
  dataVolumeGb?: number;
  logUrl?: string;
}

export interface TransitionIntentPayload extends IntentRef {
  action: IntentAction;
  version: number;
  notes?: string;
  facts?: ExecutionFacts;
}

export const intentsListRpc = defineRpc<RpcRequest<ListIntentsQuery>, Page<IntentView>>()({
  pattern: 'intents.list',
  service: 'intents',
  description: 'The intents the caller may see, newest first, filtered and paginated.',
});

export const intentsGetRpc = defineRpc<RpcRequest<IntentRef>, IntentView>()({
  pattern: 'intents.get',
  service: 'intents',
  description: 'One intent; 404 when the caller may not see it.',
});

export const intentsAmendRpc = defineRpc<RpcRequest<AmendIntentPayload>, IntentView>()({
  pattern: 'intents.amend',
  service: 'intents',
  description:
    'Amend window, reason or groups; an amended window in APPROVED or SCHEDULED returns it to REQUESTED.',
});

export const intentsTransitionRpc = defineRpc<RpcRequest<TransitionIntentPayload>, IntentView>()({
  pattern: 'intents.transition',
  service: 'intents',
  description: 'Apply one action of the state machine; anything not allowed is 409 with allowedActions.',
});

export const intentsHistoryRpc = defineRpc<RpcRequest<IntentRef>, HistoryEntryView[]>()({
  pattern: 'intents.history',
  service: 'intents',
  description: 'The audit trail of one intent, oldest first.',
});

export const intentsVerifyHistoryRpc = defineRpc<RpcRequest<IntentRef>, HistoryVerification>()({
  pattern: 'intents.verify-history',
  service: 'intents',
  description: 'Recompute the hash chain and report the first broken entry, if any.',
});
