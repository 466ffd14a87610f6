import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { RPC_SERVICES, RpcContract, RpcReplyOf, RpcRequestOf, RpcService } from '@envrefresh/contracts';
import { RpcClient } from '@envrefresh/messaging';
import type { ReadinessCheck } from '@envrefresh/observability';
import { GatewayConfig } from '../gateway.config';

/** One RPC client (own circuit breaker) per backend service. */
@Injectable()
export class ServiceClients implements OnApplicationShutdown {
  private readonly clients: Map<RpcService, RpcClient>;

  constructor(config: GatewayConfig) {
    this.clients = new Map(
      RPC_SERVICES.map((service) => [
        service,
        new RpcClient({
          amqpUrl: config.amqpUrl,
          namespace: config.amqpNamespace,
          service,
          timeoutMs: config.rpcTimeoutMs,
        }),
      ]),
    );
  }

  get(service: RpcService): RpcClient {
    return this.clients.get(service) as RpcClient;
  }

  /** Calls the contract's service, typed by the contract; the client adds the correlation id. */
  call<TContract extends RpcContract>(
    contract: TContract,
    request: Omit<RpcRequestOf<TContract>, 'correlationId'>,
  ): Promise<RpcReplyOf<TContract>> {
    return this.get(contract.service).send<RpcReplyOf<TContract>>(contract.pattern, request as object);
  }

  /** Readiness: every service answers its ping over the broker. */
  readinessChecks(): ReadinessCheck[] {
    return RPC_SERVICES.map((service) => ({
      name: service,
      check: async () => {
        await this.get(service).send(`${service}.ping`, {});
      },
    }));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.clients.values()].map((client) => client.close()));
  }
}
