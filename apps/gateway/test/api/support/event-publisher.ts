import * as amqp from 'amqplib';
import { amqpUserOf } from '@envrefresh/config';
import { EventEnvelope, eventOwnerOf } from '@envrefresh/contracts';

/** The broker URL of the service that owns an event type, so a helper plays that very service. */
export type OwnerUrl = (type: string) => string;

/**
 * Plays another service on the events exchange: publishes an envelope exactly as that service's
 * outbox relay does (persistent JSON, message-id = event id, x-correlation-id header, user_id =
 * the service's broker user, on a connection logged in as it), confirmed by the broker.
 */
export class EventPublisher {
  private readonly channels = new Map<
    string,
    Promise<{ connection: amqp.ChannelModel; channel: amqp.ConfirmChannel }>
  >();

  private constructor(
    private readonly ownerUrl: OwnerUrl,
    private readonly exchange: string,
  ) {}

  /** `amqpUrl` for every owner (development: everyone is the same user), or one URL per owner. */
  static async connect(amqpUrl: string | OwnerUrl, exchange: string): Promise<EventPublisher> {
    return new EventPublisher(typeof amqpUrl === 'string' ? () => amqpUrl : amqpUrl, exchange);
  }

  async publish(envelope: EventEnvelope<string, unknown>): Promise<void> {
    const url = this.ownerUrl(envelope.type);
    const { channel } = await this.channelFor(url);
    channel.publish(this.exchange, envelope.type, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      contentType: 'application/json',
      contentEncoding: 'utf-8',
      messageId: envelope.id,
      type: envelope.type,
      userId: amqpUserOf(url),
      headers: { 'x-correlation-id': envelope.correlationId },
    });
    await channel.waitForConfirms();
  }

  async close(): Promise<void> {
    const opened = await Promise.allSettled(this.channels.values());
    for (const result of opened) {
      if (result.status === 'fulfilled') await result.value.connection.close().catch(() => undefined);
    }
  }

  private channelFor(url: string) {
    let opened = this.channels.get(url);
    if (!opened) {
      opened = (async () => {
        const connection = await amqp.connect(url);
        connection.on('error', () => undefined);
        return { connection, channel: await connection.createConfirmChannel() };
      })();
      this.channels.set(url, opened);
    }
    return opened;
  }
}

/** The owner of a type, for suites that run every service as its own broker user. */
export function ownerOfOrFail(type: string): string {
  const owner = eventOwnerOf(type);
  if (!owner) throw new Error(`no service owns ${type}: a helper cannot publish it as its owner`);
  return owner;
}
