import { IntentSource, IntentView, RefreshType } from '../model/intent-view';
import { Idempotent } from './idempotency';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

/** Body of `POST /api/v1/intents`, already validated by the gateway. */
export interface CreateIntentPayload {
  environmentId: string;
  refreshType: RefreshType;
  plannedStart: string;
  plannedEnd: string;
  reason: string;
  source?: IntentSource;
  notificationGroups?: string[];
  externalRef?: string;
  /** true: file it as REQUESTED straight away instead of DRAFT. */
  submit?: boolean;
}

export type CreateIntentRequest = RpcRequest<CreateIntentPayload> & Idempotent;

export const intentsCreateRpc = defineRpc<CreateIntentRequest, IntentView>()({
  pattern: 'intents.create',
  service: 'intents',
  description: 'File a refresh intent; replies with the intent as created, or a RemoteProblem.',
});
