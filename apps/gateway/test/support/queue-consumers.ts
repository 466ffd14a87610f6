import * as amqp from 'amqplib';
import { eventually } from '@envrefresh/testing';

/**
 * Waits until each queue exists and has a consumer. A service is ready before its consumer has
 * bound its queue, and an event published in that gap would never reach it.
 */
export async function waitForConsumers(amqpUrl: string, queues: string[], timeoutMs = 20_000): Promise<void> {
  const connection = await amqp.connect(amqpUrl);
  connection.on('error', () => undefined);
  try {
    for (const queue of queues) {
      await eventually(
        async () => {
          // checkQueue on a missing queue closes its channel, so each attempt takes a fresh one.
          const channel = await connection.createChannel();
          channel.on('error', () => undefined);
          try {
            const { consumerCount } = await channel.checkQueue(queue);
            if (consumerCount < 1) throw new Error(`${queue} has no consumer yet`);
          } finally {
            await channel.close().catch(() => undefined);
          }
        },
        { timeoutMs, intervalMs: 200 },
      );
    }
  } finally {
    await connection.close();
  }
}
