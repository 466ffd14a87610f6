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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A steady trickle of commits, each nudging the relay: the nudges of one window wake it once, so
 * the events go out in a few claim transactions, and none waits for the (here very long) poll.
 */
describe('the outbox relay under a trickle of commits', () => {
  let bed: MessagingTestBed;
  let relay: OutboxRelay;
  let unitOfWork: UnitOfWork;
  let probe: ProbeQueue;

  beforeAll(async () => {
    bed = await MessagingTestBed.create([]);
    await bed.channel();
    probe = await bindProbeQueue(bed.amqpUrl, bed.exchange, ['#']);
    relay = bed.relay(bed.connect('relay'), { pollIntervalMs: 60_000, nudgeCoalesceMs: 200 });
    unitOfWork = bed.unitOfWork(relay);
    relay.start();
  });

  afterAll(async () => {
    await probe?.close();
    await bed?.close();
  });

  it('publishes what commits within a window in one batch, and the last commit without a poll', async () => {
    const events = Array.from({ length: 20 }, requested);
    const started = Date.now();
    for (const event of events) {
      // One statement each, as a create sends it: the commit nudges the relay.
      await unitOfWork.runAsOneStatement(async ({ publish }) => publish(event));
      await pause(10);
    }
    const ids = events.map((event) => event.id);
    await eventually(() =>
      expect(probe.messages.map((message) => message.properties.messageId)).toEqual(
        expect.arrayContaining(ids),
      ),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    // The relay's mark (markPublishedStatement) stamps a batch's rows with its transaction's now(): one value per claim.
    const row = await eventually(async () => {
      const [marks] = (await bed.dataSource.query(
        `SELECT count(published_at)::int AS published, count(DISTINCT published_at)::int AS batches
           FROM svc.outbox WHERE id = ANY($1::uuid[])`,
        [ids],
      )) as { published: number; batches: number }[];
      expect(marks.published).toBe(ids.length);
      return marks;
    });
    // 20 commits ~15 ms apart: the first alone (its nudge wakes the relay at once), then one
    // batch per 200 ms window; without coalescing each commit is a claim of its own (20).
    expect(row.batches).toBeGreaterThanOrEqual(2);
    expect(row.batches).toBeLessThan(10);
  });
});
