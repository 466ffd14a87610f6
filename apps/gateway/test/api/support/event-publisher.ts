import * as amqp from 'amqplib';
import { EventEnvelope } from '@envrefresh/contracts';

/**
 * Plays another service on the events exchange: publishes an envelope exactly as the outbox relay
 * does (persistent JSON, message-id = event id, x-correlation-id header), confirmed by the broker.
 */
export class EventPublisher {
  private constructor(
    private readonly connection: amqp.ChannelModel,
    private readonly channel: amqp.ConfirmChannel,
    private readonly exchange: string,
  ) {}

  static async connect(amqpUrl: string, exchange: string): Promise<EventPublisher> {
    const connection = await amqp.connect(amqpUrl);
    connection.on('error', () => undefined);
    const channel = await connection.createConfirmChannel();
    return new EventPublisher(connection, channel, exchange);
  }

  async publish(envelope: EventEnvelope<string, unknown>): Promise<void> {
    this.channel.publish(this.exchange, envelope.type, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      contentType: 'application/json',
      contentEncoding: 'utf-8',
      messageId: envelope.id,
      type: envelope.type,
      headers: { 'x-correlation-id': envelope.correlationId },
    });
    await this.channel.waitForConfirms();
  }

  async close(): Promise<void> {
    await this.connection.close().catch(() => undefined);
  }
}
