import { ApiTokenIdentity, ApiTokenView, CreatedApiTokenView } from '../model/api-token-view';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

export interface CreateApiTokenPayload {
  name: string;
  /** Defaults to all of the creator's roles; each must be held by the creator. */
  roles?: string[];
  expiresAt: string;
}

export const apiTokensCreateRpc = defineRpc<RpcRequest<CreateApiTokenPayload>, CreatedApiTokenView>()({
  pattern: 'intents.api-tokens.create',
  service: 'intents',
  description: 'Create an API token for the caller; the reply is the only time its secret is shown.',
});

export const apiTokensListRpc = defineRpc<
  RpcRequest<Record<string, never>>,
  { items: ApiTokenView[]; nextCursor: null }
>()({
  pattern: 'intents.api-tokens.list',
  service: 'intents',
  description: "The caller's tokens that are not revoked, newest first, without secrets.",
});

export const apiTokensRevokeRpc = defineRpc<RpcRequest<{ tokenId: string }>, ApiTokenView>()({
  pattern: 'intents.api-tokens.revoke',
  service: 'intents',
  description: "Revoke one of the caller's tokens, at once; 404 for another's or an unknown one.",
});

/**
 * The gateway's question for every request carrying an API token: who does it act as, now? No
 * user is proven yet (this is how one gets proven), so it carries no assertion; the answer is
 * null for an unknown, revoked or expired token. Asked every time, so a revocation counts at once.
 */
export const apiTokensResolveRpc = defineRpc<
  { secret: string; correlationId?: string },
  ApiTokenIdentity | null
>()({
  pattern: 'intents.api-tokens.resolve',
  service: 'intents',
  description: 'Who an API token acts as (its creator, with the roles it carries), or null.',
});
