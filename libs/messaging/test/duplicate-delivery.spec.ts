import { eventually } from '@envrefresh/testing';
import { consumerTopology, EventConsumer } from '../src';
import { messagingMetrics } from '../src/metrics/messaging-metrics';
import { CONSUMER, MessagingTestBed } from './support/messaging-test-bed';
import { testEventEnvelope } from './support/test-events';

async function consumedByOutcome(): Promise<Record<string, number>> {
  const { values } = await messagingMetrics.consumed.get();
  return Object.fromEntries(values.map(({ labels, value }) => [String(labels.outcome), value]));
}

describe('a message delivered twice', () => {
  let bed: MessagingTestBed;
  let consumer: EventConsumer;
  let handlerCalls = 0;

  beforeAll(async () => {
    bed = await MessagingTestBed.create(['CREATE TABLE svc.effects (event_id uuid NOT NULL)']);
    consumer = await bed.consume({
      'test.effect': async (event, { manager }) => {
        handlerCalls += 1;
        await manager.query('INSERT INTO svc.effects (event_id) VALUES ($1)', [event.id]);
      },
    });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('is handled once and acknowledged both times', async () => {
    const event = testEventEnvelope('test.effect', { n: 1 });
    const properties = { messageId: event.id, headers: { 'x-correlation-id': event.correlationId } };
    await bed.publishRaw('test.effect', event, properties);
    await bed.publishRaw('test.effect', event, properties);

    await eventually(async () => expect(await consumedByOutcome()).toEqual({ processed: 1, duplicate: 1 }));
    // Stopping closes the channel: a delivery left unacknowledged would go back to the queue.
    await consumer.stop();

    const { queue, deadLetterQueue } = consumerTopology(bed.namespace, CONSUMER, []);
    expect(await bed.readyCount(queue)).toBe(0);
    expect(await bed.readyCount(deadLetterQueue)).toBe(0);
    expect(await bed.count('SELECT 1 FROM svc.effects WHERE event_id = $1', [event.id])).toBe(1);
    expect(await bed.count('SELECT 1 FROM svc.inbox')).toBe(1);
    expect(handlerCalls).toBe(1);
  });
});
