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
import { RemoteTimeoutError, RemoteUnavailableError, RpcClient } from '@envrefresh/messaging';
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

  /**
   * A call the caller can go without, such as a projection's catch-up after a committed write
   * (ADR 0014): refused at once while the service's circuit is open, and given up on after
   * `waitMs` (the request is not withdrawn; it still lands). A service that is down then costs a
   * write at most `waitMs`, not the RPC timeout.
   */
  async callWithin<TContract extends RpcContract>(
    contract: TContract,
    call: GatewayCall<TContract>,
    waitMs: number,
  ): Promise<RpcReplyOf<TContract>> {
    if (this.get(contract.service).isCircuitOpen())
      throw new RemoteUnavailableError(contract.service, 'circuit open after repeated failures');
    const answer = this.call(contract, call);
    // The answer may settle after the wait is over: it is nobody's to handle then.
    answer.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RemoteTimeoutError(contract.service, waitMs)), waitMs);
    });
    try {
      return await Promise.race([answer, waited]);
    } finally {
      clearTimeout(timer);
    }
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
