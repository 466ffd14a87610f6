import { randomBytes } from 'node:crypto';
import * as amqp from 'amqplib';

export interface BenchBroker {
  /** Prefix of every exchange and queue this run declares. */
  namespace: string;
  exchange: string;
  serverVersion: string;
  /** Records a name so `cleanUp` deletes it even when the run fails half-way. */
  track(kind: 'queue' | 'exchange', name: string): void;
  cleanUp(): Promise<void>;
}

export async function openBenchBroker(amqpUrl: string): Promise<BenchBroker> {
  const namespace = `envrefresh_bench_${randomBytes(5).toString('hex')}`;
  const connection = await amqp.connect(amqpUrl);
  const serverVersion = String(connection.connection.serverProperties.version ?? 'unknown');
  await connection.close();
  const queues = new Set<string>();
  const exchanges = new Set<string>();
  return {
    namespace,
    exchange: `${namespace}.events`,
    serverVersion,
    track: (kind, name) => (kind === 'queue' ? queues : exchanges).add(name),
    cleanUp: () => deleteEverything(amqpUrl, [...queues], [...exchanges]),
  };
}

/** Queues first, so their bindings go with them; one channel per delete since a 404 closes it. */
async function deleteEverything(amqpUrl: string, queues: string[], exchanges: string[]): Promise<void> {
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
