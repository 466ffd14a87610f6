import * as amqp from 'amqplib';
import { EnvReader } from '@envrefresh/config';
import { ProvenUser, UserProofVerifier, readUserProofVerificationConfig } from '@envrefresh/auth';
import { RemoteProblem, RpcService } from '@envrefresh/contracts';
import { rpcQueue } from '@envrefresh/messaging';

/**
 * What the gateway sent, as a service reads it: the user its assertion proves (ADR 0017) in place
 * of the assertion, or `proofError` when it proves nothing.
 */
export interface ReceivedCall {
  pattern: string;
  data: Record<string, unknown> & {
    payload?: Record<string, unknown>;
    correlationId?: string;
    actor?: ProvenUser;
    proofError?: string;
  };
}

/** Checks assertions as every service does, with the development key the gateway under test signs with. */
const verifier = new UserProofVerifier(readUserProofVerificationConfig(new EnvReader({}), false));

export type FakeAnswer = { response: unknown } | { problem: RemoteProblem };

/**
 * Stands in for a backend service on its real RPC queue, speaking Nest's RMQ request/reply wire
 * format, so a spec can see exactly what the gateway sends and choose what it gets back.
 */
export class FakeRpcService {
  readonly calls: ReceivedCall[] = [];
  private stopped = false;
  private answer: (call: ReceivedCall) => FakeAnswer | Promise<FakeAnswer> = () => ({ response: {} });

  private constructor(
    private readonly connection: amqp.ChannelModel,
    private readonly channel: amqp.Channel,
    private readonly service: RpcService,
  ) {}

  static async start(amqpUrl: string, namespace: string, service: RpcService): Promise<FakeRpcService> {
    const connection = await amqp.connect(amqpUrl);
    connection.on('error', () => undefined);
    const channel = await connection.createChannel();
    const queue = rpcQueue(namespace, service);
    await channel.assertQueue(queue, { durable: true });
    const fake = new FakeRpcService(connection, channel, service);
    await channel.consume(queue, (message) => message && void fake.handle(message), { noAck: true });
    return fake;
  }

  /** An answer may be a promise, to hold a call open for as long as a spec needs. */
  answerWith(answer: (call: ReceivedCall) => FakeAnswer | Promise<FakeAnswer>): void {
    this.answer = answer;
  }

  callsTo(pattern: string): ReceivedCall[] {
    return this.calls.filter((call) => call.pattern === pattern);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.connection.close().catch(() => undefined);
  }

  private async handle(message: amqp.ConsumeMessage): Promise<void> {
    const packet = JSON.parse(message.content.toString()) as {
      id: string;
      pattern: string;
      data: ReceivedCall['data'];
    };
    const call = { pattern: packet.pattern, data: await this.asServiceReadsIt(packet.pattern, packet.data) };
    this.calls.push(call);
    // The readiness probe pings every service; answering it keeps the gateway's circuit closed.
    const answer: FakeAnswer = packet.pattern.endsWith('.ping')
      ? { response: { ok: true } }
      : await this.answer(call);
    const reply =
      'problem' in answer
        ? { id: packet.id, err: answer.problem, isDisposed: true }
        : { id: packet.id, response: answer.response, isDisposed: true };
    if (this.stopped) return;
    this.channel.sendToQueue(message.properties.replyTo as string, Buffer.from(JSON.stringify(reply)), {
      correlationId: message.properties.correlationId as string,
    });
  }

  private async asServiceReadsIt(pattern: string, data: ReceivedCall['data']): Promise<ReceivedCall['data']> {
    if (pattern.endsWith('.ping') || !data) return data;
    const { assertion, ...rest } = data;
    try {
      const actor = await verifier.verify(assertion, { audience: this.service, pattern, request: data });
      return { ...rest, actor };
    } catch (error) {
      return { ...rest, proofError: (error as Error).message };
    }
  }
}
