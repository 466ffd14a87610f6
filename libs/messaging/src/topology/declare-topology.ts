import type { Channel } from 'amqplib';
import { ConsumerTopology } from './topology';

export async function declareEventsExchange(channel: Channel, exchange: string): Promise<void> {
  await channel.assertExchange(exchange, 'topic', { durable: true });
}

/**
 * Main queue: quorum (replicated, and its delivery limit dead-letters a message that keeps
 * crashing its consumer). Retry queues hold a message for their delay, then dead-letter it back
 * to the main queue through the default exchange, so a retry reaches only this consumer.
 */
export async function declareConsumerTopology(
  channel: Channel,
  exchange: string,
  topology: ConsumerTopology,
  routingKeys: readonly string[],
  deliveryLimit: number,
): Promise<void> {
  await declareEventsExchange(channel, exchange);
  await channel.assertExchange(topology.deadLetterExchange, 'fanout', { durable: true });
  await channel.assertQueue(topology.deadLetterQueue, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum' },
  });
  await channel.bindQueue(topology.deadLetterQueue, topology.deadLetterExchange, '');
  await channel.assertQueue(topology.queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-dead-letter-exchange': topology.deadLetterExchange,
      'x-delivery-limit': deliveryLimit,
    },
  });
  for (const routingKey of routingKeys) await channel.bindQueue(topology.queue, exchange, routingKey);
  for (const retry of topology.retryQueues) {
    await channel.assertQueue(retry.name, {
      durable: true,
      arguments: {
        'x-message-ttl': retry.delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': topology.queue,
      },
    });
  }
}
