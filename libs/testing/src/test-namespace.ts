import { randomBytes } from 'node:crypto';
import * as amqp from 'amqplib';

/** A fresh AMQP_NAMESPACE (`t` + 8 hex digits) so concurrent spec files never share a queue. */
export function createTestNamespace(): string {
  return `t${randomBytes(4).toString('hex')}`;
}

export interface AmqpNames {
  exchanges: string[];
  queues: string[];
}

/**
 * Deletes what a spec's topology declared. Queues go first so their bindings vanish with them.
 * Each delete gets its own channel because the broker closes a channel on a 404.
 */
export async function deleteAmqpNamespace(amqpUrl: string, { exchanges, queues }: AmqpNames): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  connection.on('error', () => undefined);
  try {
    for (const queue of queues) await ignoringNotFound(connection, (channel) => channel.deleteQueue(queue));
    for (const exchange of exchanges)
      await ignoringNotFound(connection, (channel) => channel.deleteExchange(exchange));
  } finally {
    await connection.close();
  }
}

async function ignoringNotFound(
  connection: amqp.ChannelModel,
  operation: (channel: amqp.Channel) => Promise<unknown>,
): Promise<void> {
  const channel = await connection.createChannel();
  let closed = false;
  channel.on('error', () => undefined);
  channel.on('close', () => (closed = true));
  try {
    await operation(channel);
  } catch (error) {
    if ((error as { code?: number }).code !== 404) throw error;
  } finally {
    if (!closed) await channel.close();
  }
}
