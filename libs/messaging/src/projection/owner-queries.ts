import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { RpcContract, RpcReplyOf, RpcRequestOf, RpcService } from '@envrefresh/contracts';
import { MessagingOptions } from '../messaging.options';
import { MESSAGING_OPTIONS } from '../messaging.tokens';
import { RpcClient } from '../rpc/rpc-client';

/**
 * Service-to-service questions to the owner of what a projection holds (ADR 0014): read-only, no
 * user, one client (own timeout and circuit breaker) per owner, opened on first use. The broker
 * lets a service call only the RPC queues `RPC_CALLERS` grants it.
 */
@Injectable()
export class OwnerQueries implements OnApplicationShutdown {
  private readonly clients = new Map<RpcService, RpcClient>();

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  ask<TContract extends RpcContract>(
    contract: TContract,
    payload: RpcRequestOf<TContract> extends { payload: infer P } ? P : never,
  ): Promise<RpcReplyOf<TContract>> {
    return this.client(contract.service).send<RpcReplyOf<TContract>>(contract.pattern, { payload });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.clients.values()].map((client) => client.close()));
  }

  private client(service: RpcService): RpcClient {
    let client = this.clients.get(service);
    if (!client) {
      client = new RpcClient({
        amqpUrl: this.options.amqpUrl,
        namespace: this.options.namespace,
        service,
        timeoutMs: this.options.ownerQueryTimeoutMs,
      });
      this.clients.set(service, client);
    }
    return client;
  }
}
