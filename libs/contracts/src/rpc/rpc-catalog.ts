import { intentsCreateRpc } from './intents.rpc';
import { PING_RPCS } from './ping.rpc';

/** Every request/reply pattern the services answer. */
export const RPC_CATALOG = [intentsCreateRpc, ...PING_RPCS] as const;
export type RpcPattern = (typeof RPC_CATALOG)[number]['pattern'];
