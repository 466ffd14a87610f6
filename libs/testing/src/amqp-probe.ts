import * as amqp from 'amqplib';

export interface ProbeMessage {
  content: Buffer;
  json<T = unknown>(): T;
  properties: amqp.MessageProperties;
  fields: amqp.MessageFields;
}

export interface ProbeQueue {
  queue: string;
  /** Every message received so far, in arrival order. */
  messages: ProbeMessage[];
  close(): Promise<void>;
}

/**
 * Plays an external downstream consumer: a queue of its own bound to the events exchange, seeing
 * exactly the bytes and properties a third party would. The exchange must already exist (the app
 * under test declares it).
 */
export async function bindProbeQueue(
  amqpUrl: string,
  exchange: string,
  routingKeys: string[],
): Promise<ProbeQueue> {
  const connection = await amqp.connect(amqpUrl);
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    for (const key of routingKeys) await channel.bindQueue(queue, exchange, key);
    const messages: ProbeMessage[] = [];
    await channel.consume(
      queue,
      (message) => {
        if (!message) return;
        const { content, properties, fields } = message;
        messages.push({ content, properties, fields, json: () => JSON.parse(content.toString('utf8')) });
      },
      { noAck: true },
    );
    return { queue, messages, close: () => connection.close() };
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}
