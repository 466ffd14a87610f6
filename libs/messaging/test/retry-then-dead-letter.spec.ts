import type { ConsumeMessage } from 'amqplib';
import { eventually } from '@envrefresh/testing';
import { consumerTopology, PermanentEventError } from '../src';
import { CONSUMER, MessagingTestBed } from './support/messaging-test-bed';
import { testEventEnvelope } from './support/test-events';

const RETRY_DELAYS_MS = [200, 400];

describe('a message whose handler fails', () => {
  let bed: MessagingTestBed;
  let deadLettered: ConsumeMessage[];
  const attempts = new Map<string, number[]>();
  const processedAt = new Map<string, number>();
  const topology = () => consumerTopology(bed.namespace, CONSUMER, RETRY_DELAYS_MS);

  const attempted = (id: string) => {
    attempts.set(id, [...(attempts.get(id) ?? []), Date.now()]);
  };
  const deadLetterOf = (id: string) => {
    const message = deadLettered.find((candidate) => candidate.properties.messageId === id);
    expect(message).toBeDefined();
    return message!;
  };
  const publish = async (type: string) => {
    const event = testEventEnvelope(type);
    await bed.publishRaw(type, event, { messageId: event.id });
    return event;
  };

  beforeAll(async () => {
    bed = await MessagingTestBed.create();
    await bed.consume(
      {
        'test.always_fails': async (event) => {
          attempted(event.id);
          throw new Error('the downstream service is broken');
        },
        'test.contradiction': async (event) => {
          attempted(event.id);
          throw new PermanentEventError('this event contradicts what the service knows');
        },
        'test.fine': async (event) => {
          processedAt.set(event.id, Date.now());
        },
      },
      { retryDelaysMs: RETRY_DELAYS_MS },
    );
    deadLettered = await bed.collect(topology().deadLetterQueue);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('is retried after each delay, then dead-lettered as exhausted, while later messages flow past it', async () => {
    const failing = await publish('test.always_fails');
    const fine = await Promise.all([1, 2, 3, 4, 5].map(() => publish('test.fine')));

    const message = await eventually(() => deadLetterOf(failing.id));
    expect(message.properties.headers).toMatchObject({
      'x-dead-letter-reason': 'exhausted',
      'x-last-error': 'the downstream service is broken',
      'x-original-routing-key': 'test.always_fails',
      'x-retry-count': RETRY_DELAYS_MS.length,
    });
    expect(JSON.parse(message.content.toString())).toEqual(failing);

    const times = attempts.get(failing.id)!;
    expect(times).toHaveLength(1 + RETRY_DELAYS_MS.length);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[0] - 20);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[1] - 20);
    // Every later message was handled before the failing one had used up its retries: it never
    // held up the queue behind it.
    for (const event of fine) expect(processedAt.get(event.id)).toBeLessThan(times[2]);

    await new Promise((resolve) =>
      setTimeout(
        resolve,
        RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0),
      ),
    );
    expect(attempts.get(failing.id)).toHaveLength(1 + RETRY_DELAYS_MS.length);
    for (const queue of [topology().queue, ...topology().retryQueues.map((retry) => retry.name)]) {
      expect(await bed.readyCount(queue)).toBe(0);
    }
  });

  it('goes straight to the dead-letter queue when the handler says retrying cannot help', async () => {
    const contradiction = await publish('test.contradiction');

    const message = await eventually(() => deadLetterOf(contradiction.id));
    expect(message.properties.headers).toMatchObject({
      'x-dead-letter-reason': 'rejected',
      'x-last-error': 'this event contradicts what the service knows',
    });
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[0] * 2));
    expect(attempts.get(contradiction.id)).toHaveLength(1);
  });

  it('goes straight to the dead-letter queue as invalid when its body is not JSON', async () => {
    await bed.publishRaw('test.fine', Buffer.from('{"id": "truncated'), { messageId: 'not-json-1' });

    const message = await eventually(() => deadLetterOf('not-json-1'));
    expect(message.properties.headers).toMatchObject({
      'x-dead-letter-reason': 'invalid',
      'x-last-error': 'body is not JSON',
    });
    expect(message.content.toString()).toBe('{"id": "truncated');
  });
});
