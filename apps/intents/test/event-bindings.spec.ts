import { EventHandlerExplorer } from '@envrefresh/messaging';
import { queueBindings } from '@envrefresh/testing';
import { IntentsTestBed } from './support/intents-test-bed';

/**
 * The intents service's events queue is bound to the types it has handlers for and no other (ADR
 * 0032): the conflicts decisions and the planned schedule, not the intent events it publishes.
 */
describe('intents service: its queue bindings', () => {
  let bed: IntentsTestBed;

  beforeAll(async () => {
    bed = await IntentsTestBed.start({ withConflicts: false });
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  it('equal the event types its handlers take', async () => {
    const handled = [...bed.resolve(EventHandlerExplorer).explore().keys()].sort();
    expect(handled).toEqual(['conflict.acknowledged', 'conflict.overridden', 'schedule.created']);
    expect(await queueBindings(bed.amqpUrl, bed.exchange, `${bed.namespace}.intents.events`)).toEqual(
      handled,
    );
  });
});
