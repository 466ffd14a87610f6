import { ConflictStatus, ConflictView } from '../model/conflict-view';
import { ConflictCheckPayload, ConflictCheckView, FreeSlotsView, FreezeView } from '../model/conflict-check';
import { IntentSource } from '../model/intent-view';
import { Page, PageQuery } from './page';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

export const conflictsCheckRpc = defineRpc<RpcRequest<ConflictCheckPayload>, ConflictCheckView>()({
  pattern: 'conflicts.check',
  service: 'conflicts',
  description: 'Dry run: the conflicts an intent with this window would have, under every enabled rule.',
});

export interface ListConflictsPayload extends PageQuery {
  status?: ConflictStatus;
  environmentId?: string;
  intentId?: string;
}

export const conflictsListRpc = defineRpc<RpcRequest<ListConflictsPayload>, Page<ConflictView>>()({
  pattern: 'conflicts.list',
  service: 'conflicts',
  description:
    "Conflicts of the intents the caller may see (the intents' row-level visibility), newest first.",
});

export const conflictsAcknowledgeRpc = defineRpc<
  RpcRequest<{ conflictId: string; notes?: string }>,
  ConflictView
>()({
  pattern: 'conflicts.acknowledge',
  service: 'conflicts',
  description: 'An approver acknowledges an OPEN WARNING conflict; publishes conflict.acknowledged.',
});

export const conflictsOverrideRpc = defineRpc<
  RpcRequest<{ conflictId: string; justification: string }>,
  ConflictView
>()({
  pattern: 'conflicts.override',
  service: 'conflicts',
  description:
    'An approver overrides an OPEN BLOCKING conflict with a justification; publishes conflict.overridden.',
});

export interface FreeSlotsPayload {
  /** Environment id or key. */
  environment: string;
  /** ISO-8601 duration of the refresh, e.g. PT4H. */
  duration: string;
  from?: string;
  to?: string;
  limit?: number;
  source?: IntentSource;
}

export const conflictsFreeSlotsRpc = defineRpc<RpcRequest<FreeSlotsPayload>, FreeSlotsView>()({
  pattern: 'conflicts.free-slots',
  service: 'conflicts',
  description:
    'The earliest windows of the asked duration in [from, to) with no conflict under any enabled rule.',
});

export const conflictsFreezeRpc = defineRpc<RpcRequest<{ environmentId: string; at?: string }>, FreezeView>()(
  {
    pattern: 'conflicts.freeze',
    service: 'conflicts',
    description:
      'May this environment be changed at this instant (default now)? For pipelines and executors.',
  },
);
