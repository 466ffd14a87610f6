import { randomUUID } from 'node:crypto';
import * as amqp from 'amqplib';
import { RpcService } from '@envrefresh/contracts';
import { rpcQueue } from '@envrefresh/messaging';

export type BrokerReply = { response: unknown } | { err: Record<string, unknown> };

/**
 * What anyone who can publish to the broker can do: a plain amqplib client speaking Nest's RMQ
 * request/reply wire format (`{ id, pattern, data }`, reply on direct reply-to) straight to a
 * service's RPC queue, past the gateway.
 */
export class BrokerRpcClient {
  private readonly pending = new Map<string, (reply: BrokerReply) => void>();

  private constructor(
    private readonly connection: amqp.ChannelModel,
    private readonly channel: amqp.Channel,
    private readonly namespace: string,
  ) {}

  static async connect(amqpUrl: string, namespace: string): Promise<BrokerRpcClient> {
    const connection = await amqp.connect(amqpUrl);
    connection.on('error', () => undefined);
    const channel = await connection.createChannel();
    const client = new BrokerRpcClient(connection, channel, namespace);
    await channel.consume(
      'amq.rabbitmq.reply-to',
      (message) => {
        if (!message) return;
        const id = message.properties.correlationId as string;
        client.pending.get(id)?.(JSON.parse(message.content.toString()) as BrokerReply);
        client.pending.delete(id);
      },
      { noAck: true },
    );
    return client;
  }

  send(service: RpcService, pattern: string, data: unknown, timeoutMs = 10_000): Promise<BrokerReply> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${pattern}: no reply in ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.channel.sendToQueue(
        rpcQueue(this.namespace, service),
        Buffer.from(JSON.stringify({ id, pattern, data })),
        {
          replyTo: 'amq.rabbitmq.reply-to',
          correlationId: id,
          contentType: 'application/json',
        },
      );
    });
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
