import { eventually } from '@envrefresh/testing';
import { consumerTopology, EventConsumer, EventHandlerFn, PermanentEventError } from '../src';
import { CONSUMER, MessagingTestBed } from './support/messaging-test-bed';
import { testEventEnvelope } from './support/test-events';

describe('deliveries handled together in one transaction', () => {
  let bed: MessagingTestBed;
  let consumer: EventConsumer;
  const calls = new Map<string, number>();

  beforeAll(async () => {
    bed = await MessagingTestBed.create([
      'CREATE TABLE svc.effects (event_id uuid NOT NULL)',
      'CREATE TABLE svc.together (event_id uuid NOT NULL, tx bigint NOT NULL)',
    ]);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('never lets one failing event fail, repeat or dead-letter its neighbours', async () => {
    // Declare the queue, then let ten events wait in it so they arrive together.
    await (await bed.consume({ 'test.batch': async () => undefined })).stop();
    const events = Array.from({ length: 10 }, (_, n) =>
      testEventEnvelope('test.batch', { n, poison: n === 4 }),
    );
    for (const event of events) await bed.publishRaw('test.batch', event, { messageId: event.id });

    consumer = await bed.consume(
      {
        'test.batch': async (event, { manager }) => {
          calls.set(event.id, (calls.get(event.id) ?? 0) + 1);
          await manager.query('INSERT INTO svc.effects (event_id) VALUES ($1)', [event.id]);
          if ((event.data as { poison: boolean }).poison)
            throw new PermanentEventError('poisoned on purpose');
        },
      },
      { batchSize: 10, prefetch: 20 },
    );
    const { deadLetterQueue } = consumerTopology(bed.namespace, CONSUMER, []);
    await eventually(async () => expect(await bed.readyCount(deadLetterQueue)).toBe(1));
    await eventually(async () => expect(await bed.count('SELECT 1 FROM svc.inbox')).toBe(9));
    await consumer.stop();

    const poisoned = events[4];
    const healthy = events.filter((event) => event !== poisoned);
    // Each healthy event took effect exactly once, whether or not its batch was rolled back and replayed.
    expect(await bed.count('SELECT DISTINCT event_id FROM svc.effects')).toBe(9);
    expect(await bed.count('SELECT 1 FROM svc.effects')).toBe(9);
    expect(await bed.count('SELECT 1 FROM svc.effects WHERE event_id = $1', [poisoned.id])).toBe(0);
    expect(healthy.every((event) => (calls.get(event.id) ?? 0) >= 1)).toBe(true);
    // collect() fills its array as the broker delivers, so wait for the one dead letter to arrive.
    const deadLettered = await bed.collect(deadLetterQueue);
    await eventually(() => expect(deadLettered).toHaveLength(1));
    const [dead] = deadLettered;
    expect(dead.properties.messageId).toBe(poisoned.id);
    expect(dead.properties.headers?.['x-dead-letter-reason']).toBe('rejected');
  });

  it('handles events that wait together in one transaction', async () => {
    await (await bed.consume({ 'test.together': async () => undefined })).stop();
    const events = Array.from({ length: 10 }, (_, n) => testEventEnvelope('test.together', { n }));
    for (const event of events) await bed.publishRaw('test.together', event, { messageId: event.id });
    const together = await bed.consume(
      {
        'test.together': async (event, { manager }) => {
          await manager.query('INSERT INTO svc.together (event_id, tx) VALUES ($1, txid_current())', [
            event.id,
          ]);
        },
      },
      { batchSize: 10, prefetch: 20 },
    );
    await eventually(async () => expect(await bed.count('SELECT 1 FROM svc.together')).toBe(10));
    await together.stop();
    // Deliveries arrive in a burst; unless every one came in its own socket read, some share a commit.
    expect(await bed.count('SELECT DISTINCT tx FROM svc.together')).toBeLessThan(10);
  });

  it('runs an event that waits twice among others once, and skips one processed before', async () => {
    await (await bed.consume({ 'test.twice': async () => undefined })).stop();
    const runs = new Map<string, number>();
    const handler: EventHandlerFn = async (event, { manager }) => {
      runs.set(event.id, (runs.get(event.id) ?? 0) + 1);
      await manager.query('INSERT INTO svc.effects (event_id) VALUES ($1)', [event.id]);
    };
    const handlers = { 'test.twice': handler };
    const [seen, twice, other] = [0, 1, 2].map((n) => testEventEnvelope('test.twice', { n }));
    await bed.publishRaw('test.twice', seen, { messageId: seen.id });
    const first = await bed.consume(handlers, { batchSize: 10, prefetch: 20 });
    await eventually(async () =>
      expect(await bed.count('SELECT 1 FROM svc.effects WHERE event_id = $1', [seen.id])).toBe(1),
    );
    await first.stop();

    for (const event of [twice, seen, twice, other])
      await bed.publishRaw('test.twice', event, { messageId: event.id });
    const second = await bed.consume(handlers, { batchSize: 10, prefetch: 20 });
    const { queue } = consumerTopology(bed.namespace, CONSUMER, []);
    await eventually(async () =>
      expect(await bed.count('SELECT 1 FROM svc.effects WHERE event_id = $1', [other.id])).toBe(1),
    );
    await eventually(async () => expect(await bed.readyCount(queue)).toBe(0));
    await second.stop();

    expect(Object.fromEntries(runs)).toEqual({ [seen.id]: 1, [twice.id]: 1, [other.id]: 1 });
    for (const event of [seen, twice, other])
      expect(await bed.count('SELECT 1 FROM svc.effects WHERE event_id = $1', [event.id])).toBe(1);
  });
});
