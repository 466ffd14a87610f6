import { randomUUID } from 'node:crypto';
import * as amqp from 'amqplib';

/** The three kinds of poison every consumer must dead-letter without stopping. */
export const POISON_KINDS = ['unparsable', 'wrong schema', 'unknown version'] as const;

function poisonBody(kind: (typeof POISON_KINDS)[number], knownType: string, id: string): Buffer {
  if (kind === 'unparsable') return Buffer.from('{"id": "not json at all', 'utf8');
  if (kind === 'wrong schema')
    return Buffer.from(JSON.stringify({ id, hello: 'world', data: [1, 2, 3] }), 'utf8');
  // A well-formed envelope of a type the consumer handles, in a version nobody published.
  const envelope = {
    id,
    type: knownType,
    version: 99,
    occurredAt: new Date().toISOString(),
    source: knownType.split('.')[0] === 'schedule' ? 'scheduling' : 'intents',
    correlationId: `poison-${id}`,
    causationId: null,
    data: { somethingNew: true },
  };
  return Buffer.from(JSON.stringify(envelope), 'utf8');
}

/**
 * Publishes each poison kind straight to each consumer's queue (through the default exchange), as
 * a broken or hostile publisher would. Returns how many each queue got.
 */
export async function publishPoison(
  amqpUrl: string,
  targets: readonly { consumer: string; queue: string; knownType: string }[],
): Promise<Map<string, number>> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const channel = await connection.createConfirmChannel();
    const published = new Map<string, number>();
    for (const target of targets) {
      for (const kind of POISON_KINDS) {
        const id = randomUUID();
        channel.publish('', target.queue, poisonBody(kind, target.knownType, id), {
          persistent: true,
          contentType: 'application/json',
          messageId: id,
          headers: { 'x-correlation-id': `poison-${kind.replace(' ', '-')}` },
        });
        published.set(target.consumer, (published.get(target.consumer) ?? 0) + 1);
      }
    }
    await channel.waitForConfirms();
    return published;
  } finally {
    await connection.close().catch(() => undefined);
  }
}
