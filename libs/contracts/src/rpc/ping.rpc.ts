import { defineRpc, RpcContract, RpcService } from './rpc-contract';

/** The gateway's readiness probe of a service; carries no actor. */
export interface PingRequest {
  correlationId?: string;
}

export interface PingReply {
  service: RpcService;
  ok: true;
  /** ISO-8601 instant at which the service answered. */
  at: string;
}

function definePing<TService extends RpcService>(
  service: TService,
): RpcContract<`${TService}.ping`, PingRequest, PingReply> {
  return defineRpc<PingRequest, PingReply>()({
    pattern: `${service}.ping` as const,
    service,
    description: `Is the ${service} service consuming its RPC queue? Used by the gateway's readiness probe.`,
  });
}

export const intentsPingRpc = definePing('intents');
export const conflictsPingRpc = definePing('conflicts');
export const schedulingPingRpc = definePing('scheduling');
export const notificationsPingRpc = definePing('notifications');

export const PING_RPCS = [intentsPingRpc, conflictsPingRpc, schedulingPingRpc, notificationsPingRpc] as const;

export function pingReply(service: RpcService, at: Date = new Date()): PingReply {
  return { service, ok: true, at: at.toISOString() };
}
