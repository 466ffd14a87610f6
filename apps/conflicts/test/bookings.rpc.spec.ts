import { randomUUID } from 'node:crypto';
import {
  BookingView,
  Page,
  bookingsCancelRpc,
  bookingsCreateRpc,
  bookingsGetRpc,
  bookingsListRpc,
} from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ConflictsTestBed, SeededEnvironment, actors } from './support/conflicts-test-bed';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('conflicts service: bookings over RPC', () => {
  let bed: ConflictsTestBed;
  let uat: SeededEnvironment;

  beforeAll(async () => {
    bed = await ConflictsTestBed.start(['booking.*']);
    uat = await bed.seedEnvironment('UAT');
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  const booking = (overrides: Record<string, unknown> = {}) => ({
    environmentId: uat.id,
    start: '2030-03-02T09:00:00+01:00',
    end: '2030-03-02T18:00:00+01:00',
    group: 'qa',
    purpose: 'Release 4.2 regression testing',
    priority: 'HIGH',
    ...overrides,
  });
  const create = (payload: Record<string, unknown>, actor = actors.requester, idempotencyKey?: string) =>
    bed.call(bookingsCreateRpc, { actor, payload, ...(idempotencyKey ? { idempotencyKey } : {}) });
  const refusedCreate = (payload: unknown, actor = actors.requester) =>
    bed.problem(bookingsCreateRpc, { actor, payload });
  const cancel = (bookingId: string, actor = actors.requester) =>
    bed.call(bookingsCancelRpc, { actor, payload: { bookingId } });
  const get = (bookingId: string, actor = actors.viewer) =>
    bed.call(bookingsGetRpc, { actor, payload: { bookingId } });
  const list = (payload: Record<string, unknown>, actor = actors.viewer): Promise<Page<BookingView>> =>
    bed.call(bookingsListRpc, { actor, payload });
  const bookingRows = async (purpose: string) =>
    (await bed.db.query('SELECT id FROM conflicts.bookings WHERE purpose = $1', [purpose])).rows;

  it('books an environment for one of your groups, and announces it through the outbox', async () => {
    const created = await create(booking());
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      environmentId: uat.id,
      start: '2030-03-02T08:00:00.000Z',
      end: '2030-03-02T17:00:00.000Z',
      group: 'qa',
      purpose: 'Release 4.2 regression testing',
      priority: 'HIGH',
      createdBy: { sub: 'rita', name: 'Rita Requester' },
      createdAt: expect.any(String),
    });
    const { rows } = await bed.db.query(
      `SELECT environment_id, lower(during) AS start, upper(during) AS "end", lower_inc(during) AS closed_start,
              upper_inc(during) AS closed_end, group_key, priority, created_by, cancelled_at
         FROM conflicts.bookings WHERE id = $1`,
      [created.id],
    );
    expect(rows).toEqual([
      {
        environment_id: uat.id,
        start: new Date('2030-03-02T08:00:00Z'),
        end: new Date('2030-03-02T17:00:00Z'),
        closed_start: true,
        closed_end: false,
        group_key: 'qa',
        priority: 'HIGH',
        created_by: { sub: 'rita', name: 'Rita Requester' },
        cancelled_at: null,
      },
    ]);
    expect(await bed.outboxEventsAbout(created.id)).toEqual([
      expect.objectContaining({ type: 'booking.created', source: 'conflicts', data: created }),
    ]);
    await eventually(() =>
      expect(bed.publishedEventsAbout(created.id)).toEqual([
        expect.objectContaining({ type: 'booking.created', data: created }),
      ]),
    );
  });

  it('writes the booking and its event in one transaction: neither is visible before both are', async () => {
    const purpose = `atomic ${randomUUID()}`;
    const locker = await bed.lockOutbox();
    let pending: Promise<BookingView> | undefined;
    try {
      pending = create(booking({ purpose }));
      // The use case has inserted the booking and now waits to append its event.
      await eventually(async () => expect(await bed.outboxInsertsWaiting()).toBeGreaterThan(0));
      expect(await bookingRows(purpose)).toEqual([]);
    } finally {
      await locker.release();
    }
    const created = await (pending as Promise<BookingView>);
    expect(await bookingRows(purpose)).toEqual([{ id: created.id }]);
    expect((await bed.outboxEventsAbout(created.id)).map((event) => event.type)).toEqual(['booking.created']);
  });

  it('lets requesters and those above book for their own groups, and admins for any group', async () => {
    expect(await create(booking({ group: 'payments' }), actors.approver)).toMatchObject({
      group: 'payments',
      createdBy: { sub: 'april' },
    });
    expect(await create(booking({ group: 'finance' }), actors.admin)).toMatchObject({
      group: 'finance',
      createdBy: { sub: 'ada', name: 'Ada Admin', email: 'ada@example.com' },
    });
    const notMember = await refusedCreate(booking({ group: 'payments' }));
    expect(notMember).toMatchObject({ status: 403, code: 'BOOKING.NOT_GROUP_MEMBER' });
    expect(notMember.detail).toContain('"payments"');
    for (const actor of [actors.viewer, actors.operator]) {
      expect(await refusedCreate(booking(), actor)).toMatchObject({
        status: 403,
        code: 'BOOKING.ROLE_REQUIRED',
      });
    }
  });

  it('names every wrong field (400), never a 500', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ environmentId: 'uat-1' }, ['environmentId']],
      [{ start: '2030-03-02T09:00:00' }, ['start']],
      [{ start: 'next monday', end: 42 }, ['start', 'end']],
      [{ end: '2030-03-02T08:00:00+01:00' }, ['end']],
      [{ end: '2030-03-02T09:00:00+01:00' }, ['end']],
      [{ end: '2031-03-04T09:00:00+01:00' }, ['end']],
      [{ start: '2020-01-01T09:00:00Z', end: '2020-01-01T18:00:00Z' }, ['end']],
      [{ group: '  ' }, ['group']],
      [{ purpose: '' }, ['purpose']],
      [{ purpose: 'x'.repeat(501) }, ['purpose']],
      [{ priority: 'URGENT' }, ['priority']],
      [{ color: 'red' }, ['color']],
    ];
    for (const [overrides, fields] of cases) {
      const refused = await refusedCreate(booking(overrides));
      expect({ overrides, status: refused.status, code: refused.code }).toEqual({
        overrides,
        status: 400,
        code: 'BOOKING.INVALID',
      });
      expect({ overrides, fields: refused.errors?.map((error) => error.field) }).toEqual({
        overrides,
        fields,
      });
    }
    expect((await refusedCreate(booking({ end: '2031-03-04T09:00:00+01:00' }))).errors).toEqual([
      { field: 'end', message: 'must be at most 366 days after start' },
    ]);
    expect(await refusedCreate(['not', 'an', 'object'])).toMatchObject({
      status: 400,
      errors: [{ field: 'body', message: expect.any(String) }],
    });
    const everything = await refusedCreate({});
    expect(everything.errors?.map((error) => error.field)).toEqual([
      'environmentId',
      'start',
      'end',
      'group',
      'purpose',
      'priority',
    ]);
  });

  // ADR 0014: an environment this service does not know is asked of intents, which this bed does not
  // run; so the refusal fails closed (503), never "no such environment" for one that may exist. With
  // intents running, one it does not know either is the 400 BOOKING.UNKNOWN_ENVIRONMENT
  // (apps/gateway/test/conflicts/conflicts-bad-input.e2e.spec.ts).
  it('accepts a booking of exactly 366 days, and refuses an environment it cannot confirm (503, owner unreachable) without a trace', async () => {
    expect(
      await create(
        booking({ start: '2030-01-01T00:00:00Z', end: '2031-01-02T00:00:00Z', purpose: 'a year' }),
      ),
    ).toMatchObject({ end: new Date(Date.parse('2030-01-01T00:00:00Z') + 366 * DAY_MS).toISOString() });

    const purpose = `unknown environment ${randomUUID()}`;
    const ghost = randomUUID();
    expect(await refusedCreate(booking({ environmentId: ghost, purpose }))).toMatchObject({
      status: 503,
      code: 'PROJECTION.OWNER_UNAVAILABLE',
      detail: expect.stringContaining('its owner could not be asked'),
    });
    expect(await bookingRows(purpose)).toEqual([]);
    const { rows } = await bed.db.query(
      `SELECT 1 FROM conflicts.outbox WHERE payload -> 'data' ->> 'purpose' = $1`,
      [purpose],
    );
    expect(rows).toEqual([]);
  });

  it('replays the first answer for a repeated Idempotency-Key, and refuses the key with another body (422)', async () => {
    const key = `booking-${randomUUID()}`;
    const purpose = `idempotent ${key}`;
    const first = await create(booking({ purpose }), actors.requester, key);
    const again = await create(booking({ purpose }), actors.requester, key);
    expect(again).toEqual(first);
    expect(await bookingRows(purpose)).toHaveLength(1);
    expect(await bed.outboxEventsAbout(first.id)).toHaveLength(1);

    expect(
      await bed.problem(bookingsCreateRpc, {
        actor: actors.requester,
        payload: booking({ purpose, priority: 'LOW' }),
        idempotencyKey: key,
      }),
    ).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    // Keys belong to their caller: another member of the group with the same key books anew.
    const colleagues = await create(booking({ purpose }), actors.colleague, key);
    expect(colleagues.id).not.toBe(first.id);
    expect(
      await bed.problem(bookingsCreateRpc, {
        actor: actors.requester,
        payload: booking(),
        idempotencyKey: 'has spaces',
      }),
    ).toMatchObject({ status: 400, errors: [{ field: 'idempotencyKey', message: expect.any(String) }] });
  });

  it('lets the creator, a member of the group or an admin cancel, once; announces it; 404 for unknown ids', async () => {
    const byCreator = await create(booking({ purpose: 'cancelled by its creator' }));
    const cancelled = await cancel(byCreator.id);
    expect(cancelled).toEqual({
      ...byCreator,
      cancelledBy: { sub: 'rita', name: 'Rita Requester' },
      cancelledAt: expect.any(String),
    });
    expect(Date.parse(cancelled.cancelledAt as string)).toBeGreaterThanOrEqual(
      Date.parse(byCreator.createdAt),
    );
    expect((await bed.outboxEventsAbout(byCreator.id)).map((event) => [event.type, event.data])).toEqual([
      ['booking.created', byCreator],
      ['booking.cancelled', cancelled],
    ]);
    await eventually(() =>
      expect(bed.publishedEventsAbout(byCreator.id).map((event) => event.type)).toEqual([
        'booking.created',
        'booking.cancelled',
      ]),
    );

    const twice = await bed.problem(bookingsCancelRpc, {
      actor: actors.requester,
      payload: { bookingId: byCreator.id },
    });
    expect(twice).toMatchObject({ status: 409, code: 'BOOKING.ALREADY_CANCELLED' });
    expect(await bed.outboxEventsAbout(byCreator.id)).toHaveLength(2);

    const byColleague = await create(booking({ purpose: 'cancelled by a colleague' }));
    expect(await cancel(byColleague.id, actors.colleague)).toMatchObject({ cancelledBy: { sub: 'rob' } });
    const byAdmin = await create(booking({ purpose: 'cancelled by an admin' }));
    expect(await cancel(byAdmin.id, actors.admin)).toMatchObject({ cancelledBy: { sub: 'ada' } });

    const kept = await create(booking({ purpose: 'not theirs to cancel' }));
    for (const actor of [actors.outsider, actors.approver]) {
      expect(await bed.problem(bookingsCancelRpc, { actor, payload: { bookingId: kept.id } })).toMatchObject({
        status: 403,
        code: 'BOOKING.NOT_CANCELLABLE_BY_YOU',
      });
    }
    expect(
      await bed.problem(bookingsCancelRpc, { actor: actors.viewer, payload: { bookingId: kept.id } }),
    ).toMatchObject({ status: 403, code: 'BOOKING.ROLE_REQUIRED' });
    for (const bookingId of [randomUUID(), 'not-a-uuid']) {
      expect(
        await bed.problem(bookingsCancelRpc, { actor: actors.admin, payload: { bookingId } }),
      ).toMatchObject({ status: 404, code: 'BOOKING.NOT_FOUND' });
    }
    expect(bed.publishedEventsAbout(kept.id).map((event) => event.type)).not.toContain('booking.cancelled');
  });

  it('reads one booking by id for every role, still after it is cancelled; 404 for unknown or malformed ids', async () => {
    const created = await create(booking({ purpose: 'read back' }));
    for (const actor of [actors.viewer, actors.operator, actors.outsider, actors.admin]) {
      expect(await get(created.id, actor)).toEqual(created);
    }
    expect(await get(created.id.toUpperCase())).toEqual(created);

    const cancelled = await cancel(created.id);
    expect(await get(created.id)).toEqual(cancelled);
    expect(cancelled).toMatchObject({ cancelledBy: { sub: 'rita' }, cancelledAt: expect.any(String) });

    for (const bookingId of [randomUUID(), 'not-a-uuid', 42, undefined]) {
      expect(
        await bed.problem(bookingsGetRpc, { actor: actors.viewer, payload: { bookingId } }),
      ).toMatchObject({
        status: 404,
        code: 'BOOKING.NOT_FOUND',
      });
    }
    const anonymous = { sub: ' ', roles: [], groups: [] };
    expect(
      await bed.problem(bookingsGetRpc, { actor: anonymous, payload: { bookingId: created.id } }),
    ).toMatchObject({ status: 401, code: 'AUTH.USER_NOT_PROVEN' });
  });

  it('lets exactly one of two concurrent cancels win', async () => {
    const contested = await create(booking({ purpose: 'contested' }));
    const outcomes = await Promise.allSettled([
      cancel(contested.id, actors.requester),
      cancel(contested.id, actors.colleague),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason.problem).toMatchObject({
      status: 409,
      code: 'BOOKING.ALREADY_CANCELLED',
    });
    expect((await bed.outboxEventsAbout(contested.id)).map((event) => event.type)).toEqual([
      'booking.created',
      'booking.cancelled',
    ]);
  });

  describe('listing', () => {
    let perf: SeededEnvironment;
    const seeded: BookingView[] = [];

    beforeAll(async () => {
      perf = await bed.seedEnvironment('PERF');
      const at = (day: number, hour: number) =>
        `2030-06-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
      // [start day, hour, end day, hour, group]; runs 2 and 5 start together, so the id decides.
      const plan: [number, number, number, number, string][] = [
        [3, 10, 3, 12, 'qa'],
        [1, 8, 1, 12, 'qa'],
        [2, 8, 2, 20, 'payments'],
        [1, 9, 1, 10, 'qa'],
        [1, 12, 1, 14, 'payments'],
        [2, 8, 2, 9, 'qa'],
      ];
      for (const [startDay, startHour, endDay, endHour, group] of plan) {
        seeded.push(
          await create(
            booking({
              environmentId: perf.id,
              start: at(startDay, startHour),
              end: at(endDay, endHour),
              group,
              purpose: `perf run ${seeded.length}`,
            }),
            actors.colleague,
          ),
        );
      }
      await cancel(seeded[0].id, actors.colleague);
    });

    const byStartThenId = (a: BookingView, b: BookingView) =>
      a.start === b.start ? (a.id < b.id ? -1 : 1) : a.start < b.start ? -1 : 1;

    it('orders by start then id, page by page with an opaque cursor; every role may read', async () => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<BookingView> = await list({
          environmentId: perf.id,
          includeCancelled: true,
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        ids.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(ids).toEqual([...seeded].sort(byStartThenId).map((item) => item.id));
    });

    it('leaves cancelled bookings out unless asked, and filters by group and by overlap with [from, to)', async () => {
      const live = await list({ environmentId: perf.id });
      expect(live.items.map((item) => item.purpose)).toEqual(
        seeded
          .slice(1)
          .sort(byStartThenId)
          .map((item) => item.purpose),
      );
      expect(live.items.map((item) => item.purpose).slice(0, 3)).toEqual([
        'perf run 1',
        'perf run 3',
        'perf run 4',
      ]);
      expect(live.nextCursor).toBeNull();
      const withCancelled = await list({ environmentId: perf.id, includeCancelled: 'true' });
      expect(withCancelled.items.find((item) => item.id === seeded[0].id)).toMatchObject({
        cancelledBy: { sub: 'rob' },
      });

      const payments = await list({ environmentId: perf.id, group: 'payments' }, actors.operator);
      expect(payments.items.map((item) => item.purpose)).toEqual(['perf run 4', 'perf run 2']);

      // Half-open: a booking ending at 10:00 does not overlap [10:00, 12:00); one starting at 12:00 neither.
      const overlapping = await list({
        environmentId: perf.id,
        from: '2030-06-01T10:00:00Z',
        to: '2030-06-01T12:00:00Z',
      });
      expect(overlapping.items.map((item) => item.purpose)).toEqual(['perf run 1']);
      const fromOnly = await list({ environmentId: perf.id, from: '2030-06-02T00:00:00Z' });
      expect(fromOnly.items.map((item) => item.purpose).sort()).toEqual(['perf run 2', 'perf run 5']);
      const toOnly = await list({ environmentId: perf.id, to: '2030-06-01T12:00:00Z' });
      expect(toOnly.items.map((item) => item.purpose)).toEqual(['perf run 1', 'perf run 3']);
    });

    it('names each wrong filter (400)', async () => {
      const refused = await bed.problem(bookingsListRpc, {
        actor: actors.viewer,
        payload: {
          environmentId: 'perf',
          group: '',
          from: 'yesterday',
          to: '2030-06-01T10:00:00',
          includeCancelled: 'yes',
          limit: 1000,
          cursor: 'not a cursor',
        },
      });
      expect(refused).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
      expect(refused.errors?.map((error) => error.field).sort()).toEqual(
        ['cursor', 'environmentId', 'from', 'group', 'includeCancelled', 'limit', 'to'].sort(),
      );
      const backwards = await bed.problem(bookingsListRpc, {
        actor: actors.viewer,
        payload: { from: '2030-06-02T00:00:00Z', to: '2030-06-01T00:00:00Z' },
      });
      expect(backwards.errors).toEqual([{ field: 'to', message: 'must be after from' }]);
    });
  });
});
