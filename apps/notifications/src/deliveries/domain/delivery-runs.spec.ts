import { AttemptRecord, DeliveryRecord } from './delivery';
import { attemptInTurn, byDestinationInDueOrder } from './delivery-runs';

const delivery = (id: string, destination: string, dueAt: string): DeliveryRecord => ({
  id,
  eventId: 'e1',
  eventType: 'intent.approved',
  environmentId: null,
  subscriptionId: null,
  destination,
  channel: 'WEBHOOK',
  target: `https://example.test/${destination}`,
  reasons: [],
  status: 'PENDING',
  attempts: 0,
  scheduleStep: 0,
  dueAt: new Date(dueAt),
});

const attempt = (kind: AttemptRecord['result']['kind']): AttemptRecord => ({
  at: new Date('2026-12-03T10:00:00Z'),
  result: { kind, statusCode: kind === 'SENT' ? 204 : 500, error: null, retryAfterMs: null, durationMs: 1 },
});

describe('a destination’s run of deliveries', () => {
  const a1 = delivery('00000000-0000-4000-8000-000000000002', 'a', '2026-12-03T10:00:01Z');
  const a2 = delivery('00000000-0000-4000-8000-000000000001', 'a', '2026-12-03T10:00:02Z');
  const a3 = delivery('00000000-0000-4000-8000-000000000003', 'a', '2026-12-03T10:00:02Z');
  const b1 = delivery('00000000-0000-4000-8000-000000000004', 'b', '2026-12-03T10:00:00Z');

  it('groups deliveries by destination, each in due order and then by id', () => {
    expect(byDestinationInDueOrder([a3, b1, a2, a1]).map((run) => run.map(({ id }) => id))).toEqual([
      [a1.id, a2.id, a3.id],
      [b1.id],
    ]);
  });

  it('sends one after another, each only once the one before it answered', async () => {
    const order: string[] = [];
    let open = 0;
    const outcomes = await attemptInTurn(
      [a1, a2, a3],
      async ({ id }) => {
        open += 1;
        expect(open).toBe(1);
        order.push(id);
        await new Promise((resolve) => setTimeout(resolve, 5));
        open -= 1;
        return attempt('SENT');
      },
      () => true,
    );
    expect(order).toEqual([a1.id, a2.id, a3.id]);
    expect(outcomes.every((outcome) => 'attempted' in outcome)).toBe(true);
  });

  it('starts none after one that was not sent, nor after one whose attempt threw', async () => {
    expect(
      await attemptInTurn(
        [a1, a2, a3],
        async () => attempt('RETRY'),
        () => true,
      ),
    ).toEqual([
      { attempted: attempt('RETRY') },
      { notStarted: 'an earlier delivery to its destination was not sent' },
      { notStarted: 'an earlier delivery to its destination was not sent' },
    ]);
    const broken = new Error('no subscription read');
    expect(
      await attemptInTurn(
        [a1, a2],
        async () => {
          throw broken;
        },
        () => true,
      ),
    ).toEqual([
      { failed: broken },
      { notStarted: 'an earlier delivery to its destination could not be attempted' },
    ]);
  });

  it('always starts the first, and no other once the lease could not outlast another call', async () => {
    let asked = 0;
    const outcomes = await attemptInTurn(
      [a1, a2, a3],
      async () => attempt('SENT'),
      () => (asked += 1) < 2,
    );
    expect(outcomes).toEqual([
      { attempted: attempt('SENT') },
      { attempted: attempt('SENT') },
      { notStarted: 'its lease could not outlast another call' },
    ]);
  });
});
