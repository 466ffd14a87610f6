/**
 * What the gateway sends with every command or query: the proof of who asks (ADR 0017: a
 * short-lived assertion the gateway signs for this service, pattern and request; the service
 * believes nothing else about the user), under which correlation, and what.
 */
export interface RpcRequest<TPayload> {
  assertion: string;
  correlationId: string;
  payload: TPayload;
}

/**
 * A request one service makes of another on a user's behalf (the approval gate): the user's own
 * request, as the first service received it, travels along, and its assertion proves it.
 */
export interface DelegatedRpcRequest<TPayload> extends RpcRequest<TPayload> {
  /** The user's request to the first service, without its assertion and correlation id. */
  onBehalfOf: Record<string, unknown>;
}
