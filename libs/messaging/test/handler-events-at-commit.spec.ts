import { eventually } from '@envrefresh/testing';
import { consumerTopology, PermanentEventError } from '../src';
import { CONSUMER, MessagingTestBed } from './support/messaging-test-bed';
import { testEventEnvelope } from './support/test-events';

/**
 * A consumer's transaction begins with its inbox rows and sends the events its handlers publish
 * with the COMMIT, as literal SQL (ADR 0004): what a handler publishes must reach the outbox byte
 * for byte, and only if the handling commits.
 */
describe('events a handler publishes', () => {
  let bed: MessagingTestBed;

  beforeAll(async () => {
    bed = await MessagingTestBed.create([]);
  });

  afterAll(async () => {
    await bed?.close();
  });

  // Quotes, a backslash, a placeholder, a semicolon and characters beyond ASCII: nothing of it may
  // end the statement or change on the way.
  const awkward = {
    text: `it's "quoted" \\ $1 ; -- \u00e9\u4e2d\ud83d\ude00`,
    nested: { list: [1, null, 'x'] },
  };

  it('are written with the commit, exactly as published, with their headers', async () => {
    const cause = testEventEnvelope('commit.cause');
    const effect = testEventEnvelope('commit.effect', awkward);
    const consumer = await bed.consume({
      'commit.cause': async (_event, { publish }) => publish(effect),
    });
    await bed.publishRaw('commit.cause', cause, { messageId: cause.id });
    await eventually(async () =>
      expect(await bed.count('SELECT 1 FROM svc.outbox WHERE id = $1', [effect.id])).toBe(1),
    );
    await consumer.stop();
    const [row] = await bed.dataSource.query(
      `SELECT type, routing_key, payload, headers->>'x-correlation-id' AS correlation FROM svc.outbox WHERE id = $1`,
      [effect.id],
    );
    expect(row).toEqual({
      type: 'commit.effect',
      routing_key: 'commit.effect',
      payload: JSON.parse(JSON.stringify(effect)),
      correlation: effect.correlationId,
    });
    expect(await bed.count('SELECT 1 FROM svc.inbox WHERE message_id = $1', [cause.id])).toBe(1);
  });

  it('are not written when the handling fails after publishing', async () => {
    const cause = testEventEnvelope('commit.refused');
    const effect = testEventEnvelope('commit.never', awkward);
    const consumer = await bed.consume({
      'commit.refused': async (_event, { publish }) => {
        await publish(effect);
        throw new PermanentEventError('refused after publishing');
      },
    });
    await bed.publishRaw('commit.refused', cause, { messageId: cause.id });
    const { deadLetterQueue } = consumerTopology(bed.namespace, CONSUMER, []);
    await eventually(async () => expect(await bed.readyCount(deadLetterQueue)).toBeGreaterThanOrEqual(1));
    await consumer.stop();
    expect(await bed.count('SELECT 1 FROM svc.outbox WHERE id = $1', [effect.id])).toBe(0);
    expect(await bed.count('SELECT 1 FROM svc.inbox WHERE message_id = $1', [cause.id])).toBe(0);
  });
});
