import { randomUUID } from 'node:crypto';
import * as amqp from 'amqplib';
import { BenchBroker } from '../support/bench-broker';
import { CpuCost, startCpuMeter } from '../support/cpu-meter';
import { nowMs } from '../support/latency';

export interface AmqpCeiling {
  messages: number;
  /** Published and confirmed per second (the publisher's view). */
  confirmedPerSecond: number;
  /** Published, routed, delivered and acked per second (the first publish to the last ack). */
  deliveredPerSecond: number;
  /** Per message, publish to ack. */
  cpu: CpuCost;
}

const ROUTING_KEY = 'bench.ceiling';
const CONSUMER_PREFETCH = 100;

/**
 * The broker's ceiling for the path events take: plain amqplib, a confirm channel, 1 KB persistent
 * messages through a durable topic exchange into a quorum queue (the type every service's events
 * queue has), drained by a consumer acking each message by hand. The publisher keeps at most
 * `window` messages unconfirmed, so it measures the broker, not a round trip per message.
 */
export async function measureAmqpCeiling(
  amqpUrl: string,
  broker: BenchBroker,
  messages: number,
  window: number,
): Promise<AmqpCeiling> {
  const exchange = `${broker.namespace}.ceiling`;
  const queue = `${broker.namespace}.ceiling.q`;
  broker.track('exchange', exchange);
  broker.track('queue', queue);
  const publisherConnection = await amqp.connect(amqpUrl);
  const consumerConnection = await amqp.connect(amqpUrl);
  try {
    const publisher = await publisherConnection.createConfirmChannel();
    await publisher.assertExchange(exchange, 'topic', { durable: true });
    await publisher.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await publisher.bindQueue(queue, exchange, ROUTING_KEY);
    const consumer = await consumerConnection.createChannel();
    await consumer.prefetch(CONSUMER_PREFETCH);
    let acked = 0;
    let allAcked: () => void = () => undefined;
    let target = 0;
    await consumer.consume(queue, (message) => {
      if (!message) return;
      consumer.ack(message);
      acked += 1;
      if (acked === target) allAcked();
    });
    const body = Buffer.alloc(1024, 'x');
    const run = async (count: number) => {
      acked = 0;
      target = count;
      const delivered = new Promise<void>((resolve) => (allAcked = resolve));
      const cpuOf = startCpuMeter();
      const started = nowMs();
      await publishPipelined(publisher, exchange, body, count, window);
      const confirmed = nowMs();
      await delivered;
      const drained = nowMs();
      return { confirmedMs: confirmed - started, drainedMs: drained - started, cpu: cpuOf(count) };
    };
    await run(Math.min(2000, Math.ceil(messages / 10)));
    const { confirmedMs, drainedMs, cpu } = await run(messages);
    return {
      messages,
      confirmedPerSecond: (messages * 1000) / confirmedMs,
      deliveredPerSecond: (messages * 1000) / drainedMs,
      cpu,
    };
  } finally {
    await publisherConnection.close().catch(() => undefined);
    await consumerConnection.close().catch(() => undefined);
  }
}

function publishPipelined(
  channel: amqp.ConfirmChannel,
  exchange: string,
  body: Buffer,
  count: number,
  window: number,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let sent = 0;
    let confirmed = 0;
    let waitingForDrain = false;
    let failed = false;
    const pump = () => {
      while (!failed && !waitingForDrain && sent < count && sent - confirmed < window) {
        sent += 1;
        const writable = channel.publish(
          exchange,
          ROUTING_KEY,
          body,
          { persistent: true, messageId: randomUUID() },
          (error) => {
            if (error) {
              failed = true;
              reject(error instanceof Error ? error : new Error(String(error)));
              return;
            }
            confirmed += 1;
            if (confirmed === count) resolve();
            else pump();
          },
        );
        if (!writable) {
          waitingForDrain = true;
          channel.once('drain', () => {
            waitingForDrain = false;
            pump();
          });
        }
      }
    };
    pump();
  });
}
