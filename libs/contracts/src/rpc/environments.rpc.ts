import { EnvironmentTier, EnvironmentView, MaintenanceWindow } from '../model/environment-view';
import { RefreshRecordView } from '../model/history-entry';
import { Idempotent } from './idempotency';
import { Page, PageQuery } from './page';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

export interface CreateEnvironmentPayload {
  key: string;
  name: string;
  tier: EnvironmentTier;
  ownerGroup: string;
  dependsOn?: string[];
  maintenanceWindows?: MaintenanceWindow[];
  requiresApproval?: boolean;
  timezone?: string;
  /** Reminder lead times before plannedStart, ISO-8601 durations; default P7D, P1D, PT1H. */
  reminderLeadTimes?: string[];
  /** After plannedEnd plus this, a refresh still IN_PROGRESS is overrunning; ISO-8601 duration, default PT30M. */
  overrunGrace?: string;
}

export type UpdateEnvironmentPayload = Partial<Omit<CreateEnvironmentPayload, 'key'>>;

/** `{id or key}` in a path: either works. */
export interface EnvironmentRef {
  environment: string;
}

export const environmentsCreateRpc = defineRpc<
  RpcRequest<CreateEnvironmentPayload> & Idempotent,
  EnvironmentView
>()({
  pattern: 'intents.environments.create',
  service: 'intents',
  description: 'Admin: add an environment to the catalog (unknown dependsOn keys and cycles are 400).',
});

export const environmentsListRpc = defineRpc<
  RpcRequest<PageQuery & { tier?: EnvironmentTier }>,
  Page<EnvironmentView>
>()({
  pattern: 'intents.environments.list',
  service: 'intents',
  description: 'Everyone: the catalog, ordered by key.',
});

export const environmentsGetRpc = defineRpc<RpcRequest<EnvironmentRef>, EnvironmentView>()({
  pattern: 'intents.environments.get',
  service: 'intents',
  description: 'Everyone: one environment by id or key.',
});

export const environmentsUpdateRpc = defineRpc<
  RpcRequest<EnvironmentRef & { patch: UpdateEnvironmentPayload }>,
  EnvironmentView
>()({
  pattern: 'intents.environments.update',
  service: 'intents',
  description: 'Admin: change an environment (the dependency graph stays acyclic).',
});

export const environmentsRefreshHistoryRpc = defineRpc<
  RpcRequest<EnvironmentRef & PageQuery>,
  Page<RefreshRecordView>
>()({
  pattern: 'intents.environments.refresh-history',
  service: 'intents',
  description: 'Everyone: completed refreshes of an environment, newest first.',
});
