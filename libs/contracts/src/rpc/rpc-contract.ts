/** The services the gateway calls over request/reply; each listens on `${AMQP_NAMESPACE}.${service}.rpc`. */
export const RPC_SERVICES = ['intents', 'conflicts', 'scheduling', 'notifications'] as const;
export type RpcService = (typeof RPC_SERVICES)[number];

declare const requestType: unique symbol;
declare const replyType: unique symbol;

/**
 * One request/reply message pattern. The request and reply types ride along as phantom members,
 * so `client.send(contract.pattern, …)` and `@MessagePattern(contract.pattern)` share one definition.
 */
export interface RpcContract<TPattern extends string = string, TRequest = unknown, TReply = unknown> {
  readonly pattern: TPattern;
  readonly service: RpcService;
  readonly description: string;
  readonly [requestType]?: TRequest;
  readonly [replyType]?: TReply;
}

export type RpcRequestOf<TContract> =
  TContract extends RpcContract<string, infer TRequest, unknown> ? TRequest : never;
export type RpcReplyOf<TContract> =
  TContract extends RpcContract<string, unknown, infer TReply> ? TReply : never;

export function defineRpc<TRequest, TReply>() {
  return <TPattern extends string>(contract: {
    pattern: TPattern;
    service: RpcService;
    description: string;
  }): RpcContract<TPattern, TRequest, TReply> => Object.freeze({ ...contract });
}
