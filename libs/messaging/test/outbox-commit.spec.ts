import { randomUUID } from 'node:crypto';
import { createEnvelope, intentRequestedEvent } from '@envrefresh/contracts';
import { bindProbeQueue, eventually, ProbeQueue } from '@envrefresh/testing';
import { OutboxRelay, UnitOfWork } from '../src';
import { MessagingTestBed } from './support/messaging-test-bed';

const requested = () =>
  createEnvelope(intentRequestedEvent, intentRequestedEvent.example, {
    correlationId: `req-${randomUUID()}`,
    causationId: null,
  });

describe('an event written in a unit of work', () => {
  let bed: MessagingTestBed;
  let relay: OutboxRelay;
  let unitOfWork: UnitOfWork;
  let probe: ProbeQueue;

  beforeAll(async () => {
    bed = await MessagingTestBed.create(['CREATE TABLE svc.intents (id uuid PRIMARY KEY)']);
    await bed.channel();
    probe = await bindProbeQueue(bed.amqpUrl, bed.exchange, ['#']);
    relay = bed.relay(bed.connect('relay'));
    unitOfWork = bed.unitOfWork(relay);
    relay.start();
  });

  afterAll(async () => {
    await probe?.close();
    await bed?.close();
  });

  it('is published once its transaction commits, as a persistent plain-JSON message keyed by its id', async () => {
    const event = requested();
    await unitOfWork.run(async ({ manager, publish }) => {
      await manager.query('INSERT INTO svc.intents (id) VALUES ($1)', [randomUUID()]);
      await publish(event);
    });

    const message = await eventually(() => {
      const found = probe.messages.find((candidate) => candidate.properties.messageId === event.id);
      expect(found).toBeDefined();
      return found!;
    });
    expect(message.fields.routingKey).toBe('intent.requested');
    expect(message.properties).toMatchObject({
      deliveryMode: 2,
      contentType: 'application/json',
      messageId: event.id,
      type: 'intent.requested',
      headers: expect.objectContaining({ 'x-correlation-id': event.correlationId }),
    });
    expect(message.json()).toEqual(event);
    await eventually(async () =>
      expect(
        await bed.count('SELECT 1 FROM svc.outbox WHERE id = $1 AND published_at IS NOT NULL', [event.id]),
      ).toBe(1),
    );
  });

  it('is never published, and leaves no outbox row, when its transaction throws', async () => {
    const doomed = requested();
    const failure = unitOfWork.run(async ({ manager, publish }) => {
      await publish(doomed);
      await manager.query('INSERT INTO svc.intents (id) VALUES ($1)', [randomUUID()]);
      throw new Error('the use case failed after writing its event');
    });
    await expect(failure).rejects.toThrow('the use case failed after writing its event');

    // The relay publishes in outbox order, so once a later committed event is out, the doomed one
    // would have been too if it had reached the outbox.
    const marker = requested();
    await unitOfWork.run(({ publish }) => publish(marker));
    await eventually(() =>
      expect(probe.messages.map((message) => message.properties.messageId)).toContain(marker.id),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(probe.messages.map((message) => message.properties.messageId)).not.toContain(doomed.id);
    expect(await bed.count('SELECT 1 FROM svc.outbox WHERE id = $1', [doomed.id])).toBe(0);
    expect(await bed.count('SELECT 1 FROM svc.intents')).toBe(1);
  });

  it('runs what waits for the commit once it has committed, and never after a rollback', async () => {
    const seen: string[] = [];
    await unitOfWork.run(async ({ manager, afterCommit }) => {
      await manager.query('INSERT INTO svc.intents (id) VALUES ($1)', [randomUUID()]);
      afterCommit(() => seen.push('committed'));
      // Not yet: the transaction is still open.
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(['committed']);

    const failure = unitOfWork.run(async ({ afterCommit }) => {
      afterCommit(() => seen.push('rolled back'));
      throw new Error('the use case failed');
    });
    await expect(failure).rejects.toThrow('the use case failed');
    expect(seen).toEqual(['committed']);
  });
});
