import { Actor } from '../model/actor';

/** What the gateway sends with every command or query: who asks, under which correlation, and what. */
export interface RpcRequest<TPayload> {
  actor: Actor;
  correlationId: string;
  payload: TPayload;
}
