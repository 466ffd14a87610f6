import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AuthenticatedActor, UserProofSigner } from '@envrefresh/auth';
import {
  ApiTokenIdentity,
  RPC_SERVICES,
  RpcContract,
  RpcReplyOf,
  RpcRequestOf,
  RpcService,
  apiTokensResolveRpc,
} from '@envrefresh/contracts';
import { RpcClient } from '@envrefresh/messaging';
import type { ReadinessCheck } from '@envrefresh/observability';
import { GatewayConfig } from '../gateway.config';

/** A call as a controller makes it: the verified caller beside what the contract asks. */
export type GatewayCall<TContract extends RpcContract> = Omit<
  RpcRequestOf<TContract>,
  'assertion' | 'correlationId'
> & { actor: AuthenticatedActor };

/** One RPC client (own circuit breaker) per backend service. */
@Injectable()
export class ServiceClients implements OnApplicationShutdown {
  private readonly clients: Map<RpcService, RpcClient>;
  private readonly signer: UserProofSigner;

  constructor(config: GatewayConfig) {
    this.signer = new UserProofSigner(config.userProof);
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

  /**
   * Calls the contract's service, typed by the contract. The caller travels only as an assertion
   * signed for this service, pattern and request (ADR 0017); the client adds the correlation id.
   */
  async call<TContract extends RpcContract>(
    contract: TContract,
    { actor, ...request }: GatewayCall<TContract>,
  ): Promise<RpcReplyOf<TContract>> {
    const assertion = await this.signer.sign(actor, {
      audience: contract.service,
      pattern: contract.pattern,
      request,
    });
    return this.get(contract.service).send<RpcReplyOf<TContract>>(contract.pattern, {
      ...request,
      assertion,
    });
  }

  /** Who an API token acts as, asked of its owner (the intents service) every time; null when it is not valid. */
  resolveApiToken(secret: string): Promise<ApiTokenIdentity | null> {
    return this.get(apiTokensResolveRpc.service).send<ApiTokenIdentity | null>(apiTokensResolveRpc.pattern, {
      secret,
    });
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
