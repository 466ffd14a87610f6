import { randomUUID } from 'node:crypto';
import { BookingView, EnvironmentView, Page, RecurringTiming, WindowView } from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ApiResponse } from '../api/support/api-client';
import { useApiSuite } from '../api/support/api-suite';
import { OWNER_GROUP } from '../api/support/lifecycle';
import { Persona, persona } from '../api/support/personas';
import { ConflictCalendar } from './support/calendar';
import { EventWatch, about } from './support/recompute-events';
import { hours, knownEnvironment, problemIn } from './support/recompute-scenes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('bookings and windows through the API', () => {
  const suite = useApiSuite();
  let calendar: ConflictCalendar;
  let events: EventWatch;
  /** Rita's colleague in dev-team. */
  const ruth = persona('ruth-requester', ['requester'], ['dev-team']);
  /** A requester of another team. */
  const ravi = persona('ravi-requester', ['requester'], ['ops-team']);
  const viewer = persona('vera-viewer', ['viewer'], [OWNER_GROUP]);

  beforeAll(async () => {
    calendar = new ConflictCalendar(suite);
    events = await EventWatch.start(suite, ['booking.*', 'window.*']);
  });

  afterAll(async () => {
    await events?.close();
  });

  const cast = () => calendar.cast;

  /** GETs what a 201's Location names, as the given persona; the client adds the /api/v1 prefix back. */
  function follow<TBody>(created: ApiResponse, as: Persona): Promise<ApiResponse<TBody>> {
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/v1\//);
    return suite.api.get<TBody>(location.slice('/api/v1'.length), { as });
  }

  function expectProblem(response: ApiResponse, status: number, code?: string): void {
    expect(response.status).toBe(status);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, ...(code ? { code } : {}) });
  }

  describe('bookings', () => {
    let environment: EnvironmentView;

    beforeAll(async () => {
      environment = await knownEnvironment(calendar);
    });

    const bookingBody = (overrides: Record<string, unknown> = {}) => ({
      environmentId: environment.id,
      ...hours('2032-06-01', 8, 12),
      group: 'dev-team',
      purpose: 'Sprint 12 demo',
      priority: 'MEDIUM',
      ...overrides,
    });
    const post = (as: Persona, body: object, headers: Record<string, string> = {}) =>
      suite.api.post<BookingView>('/bookings', { as, body, headers });
    const cancel = (booking: BookingView, as: Persona) =>
      suite.api.request<BookingView>('DELETE', `/bookings/${booking.id}`, { as });
    const list = (as: Persona, query: Record<string, string | number | undefined>) =>
      suite.api.get<Page<BookingView>>('/bookings', { as, query });

    it('lets a requester book for their own group: 201, Location, the booking, booking.created', async () => {
      const response = await post(
        cast().requester,
        bookingBody({
          start: '2032-06-01T10:00:00+02:00',
          end: '2032-06-01T14:00:00+02:00',
          purpose: '  Sprint 12 demo  ',
        }),
      );

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        environmentId: environment.id,
        start: '2032-06-01T08:00:00.000Z',
        end: '2032-06-01T12:00:00.000Z',
        group: 'dev-team',
        purpose: 'Sprint 12 demo',
        priority: 'MEDIUM',
        createdBy: expect.objectContaining({ sub: cast().requester.sub }),
        createdAt: expect.any(String),
      });
      expect(response.headers.get('location')).toMatch(new RegExp(`/bookings/${response.body.id}$`));
      const announced = await events.one<BookingView>('booking.created', about(response.body.id));
      expect(announced).toMatchObject({ type: 'booking.created', source: 'conflicts' });
      expect(announced.data).toEqual(response.body);
    });

    it('reads a created booking where its Location points, for every role, still after it is cancelled', async () => {
      const created = await post(cast().requester, bookingBody({ purpose: 'Read me back' }));
      expect(created.status).toBe(201);

      for (const who of [viewer, ravi, cast().operator, cast().admin]) {
        const read = await follow<BookingView>(created, who);
        expect({ who: who.sub, status: read.status, body: read.body }).toEqual({
          who: who.sub,
          status: 200,
          body: created.body,
        });
      }

      const cancelled = await cancel(created.body, cast().requester);
      expect(cancelled.status).toBe(200);
      const read = await follow<BookingView>(created, viewer);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(cancelled.body);
      expect(read.body).toMatchObject({
        cancelledBy: expect.objectContaining({ sub: cast().requester.sub }),
        cancelledAt: expect.any(String),
      });

      expectProblem(
        await suite.api.get(`/bookings/${randomUUID()}`, { as: viewer }),
        404,
        'BOOKING.NOT_FOUND',
      );
      expectProblem(await suite.api.get('/bookings/not-a-booking', { as: viewer }), 404);
    });

    it('refuses a booking for a group the requester is not in (403 naming it); an admin books for any group', async () => {
      const refused = await post(cast().requester, bookingBody({ group: 'payments-qa' }));
      expectProblem(refused, 403, 'BOOKING.NOT_GROUP_MEMBER');
      expect(problemIn(refused).detail).toContain('payments-qa');

      expectProblem(await post(viewer, bookingBody({ group: OWNER_GROUP })), 403);

      const admins = await post(cast().admin, bookingBody({ group: 'payments-qa' }));
      expect(admins.status).toBe(201);
      expect(admins.body).toMatchObject({ group: 'payments-qa', createdBy: { sub: cast().admin.sub } });
    });

    it('lists bookings earliest first, by environment, group and overlap with [from, to); cancelled ones on request', async () => {
      const where = await knownEnvironment(calendar);
      const book = async (as: Persona, span: { start: string; end: string }, group: string) => {
        const response = await post(as, bookingBody({ environmentId: where.id, ...span, group }));
        expect(response.status).toBe(201);
        return response.body;
      };
      // Made out of order, to see the list sort them.
      const third = await book(cast().requester, hours('2032-06-03', 8, 10), 'dev-team');
      const first = await book(cast().requester, hours('2032-06-02', 8, 10), 'dev-team');
      const second = await book(cast().admin, hours('2032-06-02', 12, 14), 'payments-qa');
      const ids = (page: ApiResponse<Page<BookingView>>) => {
        expect(page.status).toBe(200);
        return page.body.items.map((booking) => booking.id);
      };

      expect(ids(await list(viewer, { environmentId: where.id }))).toEqual([first.id, second.id, third.id]);
      expect(ids(await list(viewer, { environmentId: where.id, group: 'dev-team' }))).toEqual([
        first.id,
        third.id,
      ]);
      expect(
        ids(
          await list(viewer, {
            environmentId: where.id,
            from: '2032-06-02T09:00:00Z',
            to: '2032-06-02T13:00:00Z',
          }),
        ),
      ).toEqual([first.id, second.id]);
      // Half-open: a booking that ends at `from` or starts at `to` does not overlap.
      expect(
        ids(
          await list(viewer, {
            environmentId: where.id,
            from: '2032-06-02T10:00:00Z',
            to: '2032-06-02T12:00:00Z',
          }),
        ),
      ).toEqual([]);

      const firstPage = await list(viewer, { environmentId: where.id, limit: 2 });
      expect(ids(firstPage)).toEqual([first.id, second.id]);
      expect(firstPage.body.nextCursor).toEqual(expect.any(String));
      const secondPage = await list(viewer, {
        environmentId: where.id,
        limit: 2,
        cursor: firstPage.body.nextCursor!,
      });
      expect(ids(secondPage)).toEqual([third.id]);
      expect(secondPage.body.nextCursor).toBeNull();

      const cancelled = await cancel(second, cast().admin);
      expect(cancelled.status).toBe(200);
      expect(ids(await list(viewer, { environmentId: where.id }))).toEqual([first.id, third.id]);
      const withCancelled = await list(viewer, { environmentId: where.id, includeCancelled: 'true' });
      expect(withCancelled.body.items).toEqual([first, cancelled.body, third]);
    });

    it('lets its creator, a member of its group or an admin cancel a booking; booking.cancelled carries it', async () => {
      const make = async () => {
        const response = await post(cast().requester, bookingBody());
        expect(response.status).toBe(201);
        return response.body;
      };
      const [byColleague, byAdmin, byCreator] = [await make(), await make(), await make()];

      expectProblem(await cancel(byColleague, ravi), 403, 'BOOKING.NOT_CANCELLABLE_BY_YOU');
      expectProblem(await cancel(byColleague, viewer), 403);

      for (const [booking, who] of [
        [byColleague, ruth],
        [byAdmin, cast().admin],
        [byCreator, cast().requester],
      ] as const) {
        const response = await cancel(booking, who);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({
          ...booking,
          cancelledBy: expect.objectContaining({ sub: who.sub }),
          cancelledAt: expect.any(String),
        });
        const announced = await events.one<BookingView>('booking.cancelled', about(booking.id));
        expect(announced.data).toEqual(response.body);
      }

      expectProblem(await cancel(byColleague, cast().admin), 409, 'BOOKING.ALREADY_CANCELLED');
      expectProblem(await cancel({ ...byColleague, id: randomUUID() }, cast().admin), 404);
    });

    it('replays a booking for the same Idempotency-Key and body; another body under that key is 422', async () => {
      const key = randomUUID();
      const body = bookingBody({ purpose: `Replayed ${key}` });

      const first = await post(cast().requester, body, { 'idempotency-key': key });
      const second = await post(cast().requester, body, { 'idempotency-key': key });
      const other = await post(cast().requester, { ...body, priority: 'LOW' }, { 'idempotency-key': key });

      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expectProblem(other, 422);
      const mine = (await list(viewer, { environmentId: environment.id, limit: 100 })).body.items.filter(
        (booking) => booking.purpose === body.purpose,
      );
      expect(mine).toEqual([first.body]);
      await events.one('booking.created', about(first.body.id));
    });
  });

  describe('windows', () => {
    let environment: EnvironmentView;
    let elsewhere: EnvironmentView;

    beforeAll(async () => {
      environment = await knownEnvironment(calendar, { tier: 'UAT' });
      elsewhere = await knownEnvironment(calendar, { tier: 'PERF' });
    });

    const post = (as: Persona, body: object) => suite.api.post<WindowView>('/windows', { as, body });
    const remove = (window: WindowView, as: Persona) =>
      suite.api.request<WindowView>('DELETE', `/windows/${window.id}`, { as });
    const list = (query: Record<string, string | number | undefined>) =>
      suite.api.get<Page<WindowView>>('/windows', { as: viewer, query: { limit: 100, ...query } });
    const created = async (body: object): Promise<WindowView> => {
      const response = await post(cast().admin, body);
      expect(response.status).toBe(201);
      return response.body;
    };

    it('counts a window in the very next check of a warm service, and no more once it is deleted', async () => {
      const span = hours('2032-09-14', 10, 12);
      expect((await calendar.check(environment, span)).conflicts).toEqual([]);
      const blackout = await created({
        kind: 'BLACKOUT',
        name: 'Release freeze',
        scope: { environmentIds: [environment.id] },
        start: span.start,
        end: span.end,
      });
      const during = await calendar.check(environment, span);
      expect(during.conflicts.map((conflict) => [conflict.type, conflict.relatedRef.id])).toEqual([
        ['BLACKOUT', blackout.id],
      ]);
      expect((await remove(blackout, cast().admin)).status).toBe(200);
      expect((await calendar.check(environment, span)).conflicts).toEqual([]);
    });

    it('lets an admin add a one-off blackout: 201, Location, the window, window.created', async () => {
      const response = await post(cast().admin, {
        kind: 'BLACKOUT',
        name: ' Quarter-end close ',
        scope: { environmentIds: [environment.id] },
        start: '2032-06-30T18:00:00+02:00',
        end: '2032-07-01T06:00:00+02:00',
      });

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(UUID),
        kind: 'BLACKOUT',
        name: 'Quarter-end close',
        scope: expect.objectContaining({ environmentIds: [environment.id] }),
        start: '2032-06-30T16:00:00.000Z',
        end: '2032-07-01T04:00:00.000Z',
        createdBy: expect.objectContaining({ sub: cast().admin.sub }),
        createdAt: expect.any(String),
      });
      expect(response.headers.get('location')).toMatch(new RegExp(`/windows/${response.body.id}$`));
      const announced = await events.one<WindowView>('window.created', about(response.body.id));
      expect(announced).toMatchObject({ type: 'window.created', source: 'conflicts' });
      expect(announced.data).toEqual(response.body);
    });

    it('lets an admin add a recurring maintenance window kept in its own timezone', async () => {
      const response = await post(cast().admin, {
        kind: 'MAINTENANCE',
        name: 'Saturday nights',
        scope: { tiers: ['UAT'] },
        rrule: 'FREQ=WEEKLY;BYDAY=SA',
        duration: 'PT8H',
        timezone: 'Europe/Berlin',
        startsAt: '2032-06-05T22:00:00+02:00',
        until: '2033-06-05T00:00:00Z',
      });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        kind: 'MAINTENANCE',
        name: 'Saturday nights',
        scope: expect.objectContaining({ tiers: ['UAT'] }),
        rrule: 'FREQ=WEEKLY;BYDAY=SA',
        duration: 'PT8H',
        timezone: 'Europe/Berlin',
      });
      const timing = response.body as WindowView & RecurringTiming;
      expect(Date.parse(timing.startsAt)).toBe(Date.parse('2032-06-05T20:00:00Z'));
      expect(Date.parse(timing.until!)).toBe(Date.parse('2033-06-05T00:00:00Z'));
      expect(response.body).not.toHaveProperty('start');
      expect((await events.one<WindowView>('window.created', about(response.body.id))).data).toEqual(
        response.body,
      );
    });

    it('reads a created window where its Location points, for every role; 404 once deleted', async () => {
      const oneOff = await post(cast().admin, {
        kind: 'BLACKOUT',
        name: 'Read me back',
        scope: { tiers: ['UAT'] },
        ...hours('2032-07-05', 0, 6),
      });
      const recurring = await post(cast().admin, {
        kind: 'MAINTENANCE',
        name: 'Read me back nightly',
        rrule: 'FREQ=DAILY',
        duration: 'PT6H',
        timezone: 'Europe/Berlin',
        startsAt: '2032-07-05T22:00:00+02:00',
      });
      expect([oneOff.status, recurring.status]).toEqual([201, 201]);

      for (const who of [viewer, cast().requester, cast().operator, cast().admin]) {
        const read = await follow<WindowView>(oneOff, who);
        expect({ who: who.sub, status: read.status, body: read.body }).toEqual({
          who: who.sub,
          status: 200,
          body: oneOff.body,
        });
      }
      const nightly = await follow<WindowView>(recurring, viewer);
      expect(nightly.status).toBe(200);
      expect(nightly.body).toEqual(recurring.body);

      expect((await remove(oneOff.body, cast().admin)).status).toBe(200);
      expectProblem(await follow(oneOff, viewer), 404, 'WINDOW.NOT_FOUND');
      expectProblem(await suite.api.get('/windows/not-a-window', { as: viewer }), 404);
    });

    it.each([
      ['an approver', () => cast().approver],
      ['a requester', () => cast().requester],
      ['a viewer', () => viewer],
    ])('refuses windows to %s: 403 to create and to delete', async (_who, who) => {
      const body = { kind: 'BLACKOUT', name: 'Not mine to set', ...hours('2032-07-02', 0, 4) };
      expectProblem(await post(who(), body), 403);

      const window = await created(body);
      expectProblem(await remove(window, who()), 403);
      expect((await list({})).body.items.map((item) => item.id)).toContain(window.id);
    });

    it('lists windows newest first, by kind and by the environment they cover (by id, tier or everywhere)', async () => {
      const day = hours('2032-07-03', 0, 4);
      const byId = await created({
        kind: 'BLACKOUT',
        name: 'by id',
        scope: { environmentIds: [environment.id] },
        ...day,
      });
      const byTier = await created({
        kind: 'MAINTENANCE',
        name: 'by tier',
        scope: { tiers: ['UAT'] },
        ...day,
      });
      const otherTier = await created({
        kind: 'BLACKOUT',
        name: 'other tier',
        scope: { tiers: ['PERF'] },
        ...day,
      });
      const otherId = await created({
        kind: 'BLACKOUT',
        name: 'other id',
        scope: { environmentIds: [elsewhere.id] },
        ...day,
      });
      const everywhere = await created({ kind: 'BLACKOUT', name: 'everywhere', scope: {}, ...day });
      const ours = [byId, byTier, otherTier, otherId, everywhere].map((window) => window.id);
      const oursIn = (page: ApiResponse<Page<WindowView>>) => {
        expect(page.status).toBe(200);
        return page.body.items.map((window) => window.id).filter((id) => ours.includes(id));
      };

      expect(oursIn(await list({}))).toEqual([...ours].reverse());
      expect(oursIn(await list({ environmentId: environment.id }))).toEqual([
        everywhere.id,
        byTier.id,
        byId.id,
      ]);
      expect(oursIn(await list({ environmentId: elsewhere.id }))).toEqual([
        everywhere.id,
        otherId.id,
        otherTier.id,
      ]);
      const maintenance = await list({ kind: 'MAINTENANCE' });
      expect(oursIn(maintenance)).toEqual([byTier.id]);
      expect(maintenance.body.items.every((window) => window.kind === 'MAINTENANCE')).toBe(true);

      const firstPage = await list({ limit: 2 });
      expect(firstPage.body.items).toHaveLength(2);
      const nextPage = await list({ limit: 2, cursor: firstPage.body.nextCursor! });
      expect(nextPage.body.items.map((window) => window.id)).not.toContain(firstPage.body.items[0].id);
    });

    it('deletes a window: 200 with the window marked deleted by whom and when, window.deleted, then 404', async () => {
      const window = await created({
        kind: 'BLACKOUT',
        name: 'Short-lived',
        rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
        duration: 'PT12H',
        timezone: 'America/New_York',
        startsAt: '2032-07-30T18:00:00-04:00',
      });
      const before = Date.now();

      const deleted = await remove(window, cast().admin);

      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual({
        ...window,
        deletedAt: expect.any(String),
        deletedBy: { sub: cast().admin.sub, name: cast().admin.name },
      });
      expect(Date.parse(deleted.body.deletedAt!)).toBeGreaterThanOrEqual(before - 5_000);
      const announced = await events.one<WindowView>('window.deleted', about(window.id));
      expect(announced.data).toEqual(deleted.body);
      expectProblem(await remove(window, cast().admin), 404, 'WINDOW.NOT_FOUND');
      expectProblem(await suite.api.get(`/windows/${window.id}`, { as: viewer }), 404, 'WINDOW.NOT_FOUND');
      expect((await list({})).body.items.map((item) => item.id)).not.toContain(window.id);
    });

    it('keeps a deleted window for an admin who asks ?includeDeleted=true; anyone else asking is refused with 403', async () => {
      const span = hours('2032-10-05', 8, 9);
      const kept = await created({
        kind: 'BLACKOUT',
        name: 'Audited freeze',
        scope: { environmentIds: [environment.id] },
        start: span.start,
        end: span.end,
      });
      const standing = await created({
        kind: 'MAINTENANCE',
        name: 'Still standing',
        scope: { environmentIds: [environment.id] },
        start: span.start,
        end: span.end,
      });
      const deleted = (await remove(kept, cast().admin)).body;
      const asAdmin = (query: Record<string, string>) =>
        suite.api.get<Page<WindowView>>('/windows', {
          as: cast().admin,
          query: { limit: 100, environmentId: environment.id, ...query },
        });

      const audit = await asAdmin({ includeDeleted: 'true' });
      expect(audit.status).toBe(200);
      expect(audit.body.items.find((item) => item.id === kept.id)).toEqual(deleted);
      expect(audit.body.items.find((item) => item.id === standing.id)).toEqual(standing);
      const plain = await asAdmin({ includeDeleted: 'false' });
      expect(plain.body.items.map((item) => item.id)).toContain(standing.id);
      expect(plain.body.items.map((item) => item.id)).not.toContain(kept.id);

      for (const someone of [viewer, cast().requester]) {
        const refused = await suite.api.get('/windows', { as: someone, query: { includeDeleted: 'true' } });
        expectProblem(refused, 403, 'WINDOW.ADMIN_REQUIRED');
      }
      expectProblem(
        await suite.api.get('/windows', { as: cast().admin, query: { includeDeleted: 'yes' } }),
        400,
      );
      // Kept, but it no longer counts: the check finds the maintenance window's span fine and no blackout.
      const check = await calendar.check(environment, span);
      expect(check.conflicts.filter((conflict) => conflict.type === 'BLACKOUT')).toEqual([]);
    });

    it('announces every window it keeps once', async () => {
      await eventually(() => expect(events.all('window.created').length).toBeGreaterThan(0));
      const announced = events.all<WindowView>('window.created').map((event) => event.data.id);
      expect(new Set(announced).size).toBe(announced.length);
    });
  });
});
