import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { UserRequestProof } from '@envrefresh/application';
import { IntentView, RpcReplyOf, conflictsBlockingForIntentRpc } from '@envrefresh/contracts';
import { RpcClient } from '@envrefresh/messaging';
import { INTENTS_CONFIG, IntentsConfig } from '../../intents.config';
import { ConflictGate, GateVerdict } from '../application/conflict-gate.port';

/** The gate's question over RabbitMQ, with a timeout and a circuit breaker; a doubtful answer throws. */
@Injectable()
export class RpcConflictGate implements ConflictGate, OnApplicationShutdown {
  private readonly logger = new Logger(RpcConflictGate.name);
  private readonly client: RpcClient;

  constructor(@Inject(INTENTS_CONFIG) config: IntentsConfig) {
    this.client = new RpcClient({
      amqpUrl: config.amqpUrl,
      namespace: config.amqpNamespace,
      service: conflictsBlockingForIntentRpc.service,
      timeoutMs: config.rpcTimeoutMs,
    });
  }

  async verdict(intent: IntentView, onBehalfOf: UserRequestProof, from?: Date): Promise<GateVerdict> {
    const reply = await this.client.send<RpcReplyOf<typeof conflictsBlockingForIntentRpc>>(
      conflictsBlockingForIntentRpc.pattern,
      {
        assertion: onBehalfOf.assertion,
        onBehalfOf: onBehalfOf.request,
        payload: { intentId: intent.id, intent, ...(from ? { from: from.toISOString() } : {}) },
      },
    );
    const ids = Array.isArray(reply?.blocking) ? reply.blocking.map((conflict) => conflict?.id) : null;
    const ahead = reply?.ahead ?? [];
    if (
      !ids ||
      !ids.every((id) => typeof id === 'string') ||
      !Array.isArray(ahead) ||
      !ahead.every((finding) => typeof finding?.explanation === 'string')
    ) {
      this.logger.error(`conflicts answered the gate with a malformed reply for ${intent.id}`);
      throw new Error('malformed gate reply');
    }
    return {
      blockingConflictIds: ids as string[],
      blockingFindings: ahead.map((finding) => finding.explanation),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
