import {
  INTENT_EVENT_TYPES,
  bookingCancelledEvent,
  bookingCreatedEvent,
  environmentUpsertedEvent,
  windowCreatedEvent,
  windowDeletedEvent,
} from '@envrefresh/contracts';
import { EventHandlerExplorer } from '@envrefresh/messaging';
import { queueBindings } from '@envrefresh/testing';
import { ConflictsTestBed } from './support/conflicts-test-bed';

/**
 * The conflicts service's events queue is bound to the types it has handlers for and no other (ADR
 * 0032): every intent event (each carries the window, status and source its world keeps), the
 * catalog, and its own bookings and windows, which it hears back like any consumer.
 */
describe('conflicts service: its queue bindings', () => {
  let bed: ConflictsTestBed;

  beforeAll(async () => {
    bed = await ConflictsTestBed.start([]);
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  it('equal the event types its handlers take', async () => {
    const handled = [...bed.resolve(EventHandlerExplorer).explore().keys()].sort();
    expect(handled).toEqual(
      [
        ...INTENT_EVENT_TYPES,
        environmentUpsertedEvent.type,
        bookingCreatedEvent.type,
        bookingCancelledEvent.type,
        windowCreatedEvent.type,
        windowDeletedEvent.type,
      ].sort(),
    );
    expect(await queueBindings(bed.amqpUrl, bed.exchange, `${bed.namespace}.conflicts.events`)).toEqual(
      handled,
    );
  });
});
