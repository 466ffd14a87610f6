import { randomBytes } from 'node:crypto';
import * as amqp from 'amqplib';
import { deleteAmqpNamespace } from '@envrefresh/testing';

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
    cleanUp: () => deleteAmqpNamespace(amqpUrl, { queues: [...queues], exchanges: [...exchanges] }),
  };
}
