import { EVENT_TYPES } from '@envrefresh/contracts';
import { queueBindings } from '@envrefresh/testing';
import { EventConsumer } from '../src';
import { CONSUMER, MessagingTestBed } from './support/messaging-test-bed';

/**
 * A service's events queue is bound to the types it handles and no other: nothing routes an
 * event to a consumer that would only ack it, and a handler removed in a release stops
 * receiving its type when the new version starts, although the durable queue and its old
 * bindings outlive the old process.
 */
describe("a consumer's queue bindings", () => {
  let bed: MessagingTestBed;
  const queue = () => `${bed.namespace}.${CONSUMER}.events`;
  const handle = async () => undefined;

  beforeAll(async () => {
    bed = await MessagingTestBed.create([]);
  });

  afterAll(async () => bed?.close());

  it('equal the handled types, and shrink with them when a later version handles fewer', async () => {
    const first: EventConsumer = await bed.consume(
      { 'intent.requested': handle, 'intent.approved': handle, 'booking.created': handle },
      { knownTypes: EVENT_TYPES },
    );
    expect(await queueBindings(bed.amqpUrl, bed.exchange, queue())).toEqual([
      'booking.created',
      'intent.approved',
      'intent.requested',
    ]);
    await first.stop();

    await bed.consume({ 'intent.requested': handle }, { knownTypes: EVENT_TYPES });
    expect(await queueBindings(bed.amqpUrl, bed.exchange, queue())).toEqual(['intent.requested']);
  });
});
