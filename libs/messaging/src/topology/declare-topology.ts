import type { Channel } from 'amqplib';
import { ConsumerTopology, EventStreamTopology } from './topology';

export async function declareEventsExchange(channel: Channel, exchange: string): Promise<void> {
  await channel.assertExchange(exchange, 'topic', { durable: true });
}

/** Every routing key, so the stream holds every event, whether or not anyone consumes its type. */
export const EVERY_EVENT = '#';

/** The arguments the stream is declared with, here and in the committed broker definitions. */
export function eventStreamArguments(stream: EventStreamTopology): Record<string, string> {
  return { 'x-queue-type': 'stream', 'x-max-age': stream.maxAge };
}

/**
 * The stream a late consumer replays from (DEFAULT_EVENT_RETENTION, `eventStreamName`):
 * durable, bound to the exchange for every event. Declaring it again with the same retention
 * changes nothing; with another, the broker refuses (PRECONDITION_FAILED) and the stream keeps
 * the retention it was made with (see docs/operations.md on changing it).
 */
export async function declareEventStream(
  channel: Channel,
  exchange: string,
  stream: EventStreamTopology,
): Promise<void> {
  await declareEventsExchange(channel, exchange);
  await channel.assertQueue(stream.name, { durable: true, arguments: eventStreamArguments(stream) });
  await channel.bindQueue(stream.name, exchange, EVERY_EVENT);
}

/**
 * Main queue: quorum (replicated, and its delivery limit dead-letters a message that keeps
 * crashing its consumer). Retry queues hold a message for their delay, then dead-letter it back
 * to the main queue through the default exchange, so a retry reaches only this consumer.
 * The queue is bound to exactly `routingKeys`, the types it handles: a binding outlives the
 * process that made it, so each of `unboundKeys` (the other known types) is unbound, and a type
 * whose handler was removed stops reaching the queue once the new version starts (unbinding a
 * key that is not bound is a no-op).
 */
export async function declareConsumerTopology(
  channel: Channel,
  exchange: string,
  topology: ConsumerTopology,
  routingKeys: readonly string[],
  deliveryLimit: number,
  unboundKeys: readonly string[] = [],
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
  for (const routingKey of unboundKeys.filter((key) => !routingKeys.includes(key)))
    await channel.unbindQueue(topology.queue, exchange, routingKey);
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
