import {
  ConflictView,
  EnvironmentView,
  HistoryEntryView,
  HistoryVerification,
  IntentView,
  Page,
} from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ApiResponse } from '../api/support/api-client';
import { useApiSuite } from '../api/support/api-suite';
import { OWNER_GROUP } from '../api/support/lifecycle';
import { Persona, persona, withRoles } from '../api/support/personas';
import { ConflictCalendar } from './support/calendar';
import { EventWatch, about } from './support/recompute-events';
import {
  eventuallyTheConflict,
  hours,
  knownEnvironment,
  problemIn,
  requestedAndSeen,
} from './support/recompute-scenes';
import { stopScheduling } from '../schedules/support/scheduling-replicas';

const JUSTIFICATION = 'Payments QA agreed to pause release testing for the refresh (CHG0042)';

describe('deciding on conflicts: acknowledge a WARNING, override a BLOCKING one, and the approval gate', () => {
  const suite = useApiSuite();
  let calendar: ConflictCalendar;
  let events: EventWatch;
  /** Sees the owner group's intents but only reads. */
  const viewer = persona('vera-viewer', ['viewer'], [OWNER_GROUP]);
  /** An approver of another team: cannot see intents of qa-team's environments. */
  const outsider = persona('oscar-outsider', ['approver'], ['billing-team']);
  /** A second requester, of another team. */
  const ravi = persona('ravi-requester', ['requester'], ['ops-team']);

  beforeAll(async () => {
    // Intents must stay APPROVED here; the real scheduling service would move them on at once.
    await stopScheduling(suite);
    calendar = new ConflictCalendar(suite);
    events = await EventWatch.start(suite, ['conflict.*']);
  });

  afterAll(async () => {
    await events?.close();
  });

  const cast = () => calendar.cast;
  const decide = (
    conflict: ConflictView,
    decision: 'acknowledge' | 'override',
    as: Persona,
    body: object = {},
  ) => suite.api.post<ConflictView>(`/conflicts/${conflict.id}/${decision}`, { as, body });
  const history = (intent: IntentView) =>
    suite.api.get<HistoryEntryView[]>(`/intents/${intent.id}/history`, { as: cast().requester });

  function expectProblem(response: ApiResponse, status: number, code?: string): void {
    expect(response.status).toBe(status);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, detail: expect.any(String), ...(code ? { code } : {}) });
  }

  /** An intent on a fresh environment whose window overlaps a booking of this priority. */
  async function intentOverBooking(day: string, priority: 'HIGH' | 'LOW') {
    const environment = await knownEnvironment(calendar);
    const booking = await calendar.book(environment, hours(day, 8, 12), { priority });
    const intent = await calendar.requested(environment, hours(day, 10, 14));
    const conflict = await eventuallyTheConflict(calendar, intent, {
      type: 'BOOKING_OVERLAP',
      relatedId: booking.id,
      status: 'OPEN',
    });
    return { environment, booking, intent, conflict };
  }

  describe('a BLOCKING conflict', () => {
    let environment: EnvironmentView;
    let intent: IntentView;
    let blocking: ConflictView;
    let overridden: ApiResponse<ConflictView>;

    beforeAll(async () => {
      ({ environment, intent, conflict: blocking } = await intentOverBooking('2032-05-03', 'HIGH'));
    });

    it('stops approve with 409 naming the conflict while it is OPEN', async () => {
      expect(blocking.severity).toBe('BLOCKING');

      const refused = await calendar.lifecycle.act(intent, 'approve');

      expectProblem(refused, 409, 'INTENT.BLOCKING_CONFLICT');
      expect(refused.body.blockingConflictIds).toEqual([blocking.id]);
      expect(refused.body.detail).toContain(blocking.id);
      expect((await calendar.lifecycle.get(intent.id)).body).toMatchObject({ status: 'REQUESTED' });
    });

    it('is not acknowledged: 409 saying it needs an override', async () => {
      const response = await decide(blocking, 'acknowledge', cast().approver, { notes: 'seen' });

      expectProblem(response, 409, 'CONFLICT.BLOCKING_NEEDS_OVERRIDE');
      expect(problemIn(response).detail).toMatch(/overrid/i);
    });

    // A role short of approver is refused at the gateway; the rest only the service can judge.
    it.each([
      ['a requester', 403, { detail: expect.stringContaining('approver') }, () => cast().requester],
      ['a viewer of the owner group', 403, { detail: expect.stringContaining('approver') }, () => viewer],
      [
        'the requester, even holding the approver role',
        403,
        { code: 'CONFLICT.OWN_INTENT', detail: expect.stringContaining('another approver') },
        () => withRoles(cast().requester, ['requester', 'approver']),
      ],
      ['an approver who cannot see the intent', 404, { code: 'CONFLICT.NOT_FOUND' }, () => outsider],
    ])('cannot be overridden by %s: %i', async (_who, status, problem, who) => {
      const response = await decide(blocking, 'override', who(), { justification: JUSTIFICATION });

      expectProblem(response, status);
      expect(response.body).toMatchObject(problem);
      expect((await calendar.conflictsOf(intent)).find((c) => c.id === blocking.id)?.status).toBe('OPEN');
    });

    it('is overridden by an approver with a justification, announced with conflict.overridden', async () => {
      overridden = await decide(blocking, 'override', cast().approver, {
        justification: `  ${JUSTIFICATION}  `,
      });

      expect(overridden.status).toBe(200);
      expect(overridden.body).toEqual({
        ...blocking,
        status: 'OVERRIDDEN',
        overriddenBy: expect.objectContaining({ sub: cast().approver.sub }),
        overriddenAt: expect.any(String),
        justification: JUSTIFICATION,
        updatedAt: expect.any(String),
      });
      const announced = await events.one<ConflictView>('conflict.overridden', about(blocking.id));
      expect(announced.data).toEqual(overridden.body);
      expect(await calendar.conflictsOf(intent)).toContainEqual(overridden.body);
    });

    it('cannot be decided twice: 409', async () => {
      expectProblem(
        await decide(blocking, 'override', cast().approver, { justification: JUSTIFICATION }),
        409,
        'CONFLICT.NOT_OPEN',
      );
      expectProblem(await decide(blocking, 'acknowledge', cast().approver), 409, 'CONFLICT.NOT_OPEN');
    });

    it('no longer stops approve once overridden', async () => {
      intent = await calendar.lifecycle.advance(intent, 'approve');

      expect(intent.status).toBe('APPROVED');
    });

    it("is in the intent's history: who overrode it and why; the chain stays intact", async () => {
      const entry = await eventually(
        async () => {
          const response = await history(intent);
          expect(response.status).toBe(200);
          const found = response.body.filter((candidate) => candidate.action === 'conflict.overridden');
          expect(found).toHaveLength(1);
          return found[0];
        },
        { timeoutMs: 10_000, intervalMs: 100 },
      );
      expect(entry.actor.sub).toBe(cast().approver.sub);
      expect(entry.notes).toContain(JUSTIFICATION);
      expect(entry.notes).toContain(blocking.id);
      expect(entry.fromStatus).toBe(entry.toStatus);

      const verification = await suite.api.get<HistoryVerification>(`/intents/${intent.id}/history/verify`, {
        as: cast().approver,
      });
      expect(verification.body).toMatchObject({ intact: true, firstBrokenSequence: null });
      expect(verification.body.entries).toBe((await history(intent)).body.length);
    });

    it('stays overridden through a recomputation that leaves its cause alone, and not when the window moves', async () => {
      // A LOW booking over the end of the window recomputes the intent's conflicts.
      const low = await calendar.book(environment, hours('2032-05-03', 13, 14), { priority: 'LOW' });
      await eventuallyTheConflict(calendar, intent, { relatedId: low.id, status: 'OPEN' });
      expect((await calendar.conflictsOf(intent)).find((c) => c.id === blocking.id)).toEqual(overridden.body);

      // Moved, the intent meets the booking over another span: what was overridden is not what is there now.
      const moved = await suite.api.patch<IntentView>(`/intents/${intent.id}`, {
        as: cast().requester,
        headers: { 'if-match': `"${intent.version}"` },
        body: {
          plannedStart: hours('2032-05-03', 11, 15).start,
          plannedEnd: hours('2032-05-03', 11, 15).end,
        },
      });
      expect(moved.body).toMatchObject({ status: 'REQUESTED' });
      await eventuallyTheConflict(calendar, intent, { id: blocking.id, status: 'RESOLVED' });
      const renewed = await eventuallyTheConflict(calendar, intent, {
        relatedId: blocking.relatedRef.id,
        status: 'OPEN',
      });
      expect(renewed).toMatchObject({ severity: 'BLOCKING', window: hours('2032-05-03', 11, 12) });
      const refused = await calendar.lifecycle.act(moved.body, 'approve');
      expectProblem(refused, 409, 'INTENT.BLOCKING_CONFLICT');
      expect(refused.body.blockingConflictIds).toEqual([renewed.id]);
    });
  });

  describe('a WARNING conflict', () => {
    let intent: IntentView;
    let warning: ConflictView;

    beforeAll(async () => {
      ({ intent, conflict: warning } = await intentOverBooking('2032-05-04', 'LOW'));
    });

    it('is not overridden: 409 saying to acknowledge it', async () => {
      expect(warning.severity).toBe('WARNING');

      const response = await decide(warning, 'override', cast().approver, { justification: JUSTIFICATION });

      expectProblem(response, 409, 'CONFLICT.WARNING_NEEDS_ACKNOWLEDGE');
      expect(problemIn(response).detail).toMatch(/acknowledge/i);
    });

    it.each([
      ['a requester', 403, () => cast().requester],
      ['a viewer of the owner group', 403, () => viewer],
      ['an approver who cannot see the intent', 404, () => outsider],
    ])('cannot be acknowledged by %s: %i', async (_who, status, who) => {
      expectProblem(await decide(warning, 'acknowledge', who(), { notes: 'seen' }), status);
    });

    it('is acknowledged by an approver, announced with conflict.acknowledged and kept in the history', async () => {
      const response = await decide(warning, 'acknowledge', cast().approver, {
        notes: 'Payments QA only reads during that booking',
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        ...warning,
        status: 'ACKNOWLEDGED',
        acknowledgedBy: expect.objectContaining({ sub: cast().approver.sub }),
        acknowledgedAt: expect.any(String),
        // The notes of an acknowledgement are kept where an override keeps its justification.
        justification: 'Payments QA only reads during that booking',
        updatedAt: expect.any(String),
      });
      const announced = await events.one<ConflictView>('conflict.acknowledged', about(warning.id));
      expect(announced.data).toEqual(response.body);
      expectProblem(await decide(warning, 'acknowledge', cast().approver), 409, 'CONFLICT.NOT_OPEN');

      const entry = await eventually(async () => {
        const found = (await history(intent)).body.filter(
          (candidate) => candidate.action === 'conflict.acknowledged',
        );
        expect(found).toHaveLength(1);
        return found[0];
      });
      expect(entry.actor.sub).toBe(cast().approver.sub);
      expect(entry.notes).toContain(warning.id);
      expect(entry.notes).toContain('Payments QA only reads during that booking');
    });

    it('never stood in the way of approve', async () => {
      expect((await calendar.lifecycle.advance(intent, 'approve')).status).toBe('APPROVED');
    });
  });

  describe('a notification group reads conflicts, only the owner group decides on them', () => {
    /** An approver of the group the requester chose to notify: sees the intent, owns nothing. */
    const notifiedApprover = persona('nadia-notified', ['approver'], ['release-train']);
    let intent: IntentView;
    let blocking: ConflictView;
    let warning: ConflictView;

    beforeAll(async () => {
      const environment = await knownEnvironment(calendar);
      const high = await calendar.book(environment, hours('2032-05-21', 8, 10), { priority: 'HIGH' });
      const low = await calendar.book(environment, hours('2032-05-21', 12, 14), { priority: 'LOW' });
      intent = await calendar.requested(environment, hours('2032-05-21', 9, 13), {
        notificationGroups: ['release-train'],
      });
      blocking = await eventuallyTheConflict(calendar, intent, {
        type: 'BOOKING_OVERLAP',
        relatedId: high.id,
      });
      warning = await eventuallyTheConflict(calendar, intent, { type: 'BOOKING_OVERLAP', relatedId: low.id });
    });

    it('lets the notified approver read the conflicts of the intent', async () => {
      const ids = (await calendar.conflictsOf(intent, notifiedApprover)).map((conflict) => conflict.id);
      expect(ids).toEqual(expect.arrayContaining([blocking.id, warning.id]));
    });

    it.each([
      ['override', () => blocking, { justification: JUSTIFICATION }],
      ['acknowledge', () => warning, { notes: 'seen' }],
    ] as const)(
      'refuses a notified approver who tries to %s: 403 naming the owner group',
      async (decision, which, body) => {
        const response = await decide(which(), decision, notifiedApprover, body);

        expectProblem(response, 403, 'CONFLICT.NOT_IN_OWNER_GROUP');
        expect(problemIn(response).detail).toContain(OWNER_GROUP);
        expect((await calendar.conflictsOf(intent)).find((c) => c.id === which().id)?.status).toBe('OPEN');
      },
    );

    it('refuses the notified approver the intent itself: 403, not approved', async () => {
      const response = await calendar.lifecycle.act(intent, 'approve', { as: notifiedApprover });
      expectProblem(response, 403, 'INTENT.NOT_IN_OWNER_GROUP');
      expect((await calendar.lifecycle.get(intent.id)).body).toMatchObject({ status: 'REQUESTED' });
    });
  });

  describe('the approval gate judges the intent as it is at that moment', () => {
    it('refuses an approve right after submit when the window overlaps a HIGH booking', async () => {
      const environment = await knownEnvironment(calendar);
      const booking = await calendar.book(environment, hours('2032-05-05', 8, 12), { priority: 'HIGH' });
      const intent = await calendar.requested(environment, hours('2032-05-05', 10, 14));

      const refused = await calendar.lifecycle.act(intent, 'approve');

      expectProblem(refused, 409, 'INTENT.BLOCKING_CONFLICT');
      expect(refused.body.blockingConflictIds).toHaveLength(1);
      const conflict = await eventuallyTheConflict(calendar, intent, {
        type: 'BOOKING_OVERLAP',
        status: 'OPEN',
      });
      expect(conflict).toMatchObject({
        id: refused.body.blockingConflictIds[0],
        severity: 'BLOCKING',
        relatedRef: { kind: 'BOOKING', id: booking.id },
      });
    });

    it('refuses an approve right after the window was amended onto a HIGH booking', async () => {
      const environment = await knownEnvironment(calendar);
      await calendar.book(environment, hours('2032-05-06', 8, 12), { priority: 'CRITICAL' });
      const intent = await calendar.requested(environment, hours('2032-05-06', 14, 16));
      const amended = await suite.api.patch<IntentView>(`/intents/${intent.id}`, {
        as: cast().requester,
        headers: { 'if-match': `"${intent.version}"` },
        body: {
          plannedStart: hours('2032-05-06', 11, 13).start,
          plannedEnd: hours('2032-05-06', 11, 13).end,
        },
      });
      expect(amended.status).toBe(200);

      const refused = await calendar.lifecycle.act(amended.body, 'approve');

      expectProblem(refused, 409, 'INTENT.BLOCKING_CONFLICT');
      expect(refused.body.blockingConflictIds).toHaveLength(1);
    });
  });

  describe('GET /conflicts', () => {
    let environment: EnvironmentView;
    let ritas: IntentView;
    let ravis: IntentView;
    let all: ConflictView[];

    const list = (as: Persona, query: Record<string, string | number | undefined>) =>
      suite.api.get<Page<ConflictView>>('/conflicts', { as, query });
    const ids = (conflicts: ConflictView[]) => conflicts.map((conflict) => conflict.id).sort();

    beforeAll(async () => {
      environment = await knownEnvironment(calendar);
      await calendar.book(environment, hours('2032-05-07', 10, 12), { priority: 'HIGH' });
      await calendar.book(environment, hours('2032-05-07', 12, 14), { priority: 'LOW' });
      ritas = await requestedAndSeen(calendar, environment, hours('2032-05-07', 10, 14));
      ravis = await requestedAndSeen(calendar, environment, hours('2032-05-07', 11, 13), {}, ravi);
      // Each has both bookings and the other intent against it.
      const mine = await calendar.eventuallyConflicts(ritas, (conflicts) =>
        expect(conflicts).toHaveLength(3),
      );
      const theirs = await calendar.eventuallyConflicts(ravis, (conflicts) =>
        expect(conflicts).toHaveLength(3),
      );
      all = [...mine, ...theirs];
    });

    it('lists the conflicts of an environment, newest first, each with its environment', async () => {
      const response = await list(cast().approver, { environmentId: environment.id });

      expect(response.status).toBe(200);
      expect(response.body.nextCursor).toBeNull();
      expect(ids(response.body.items)).toEqual(ids(all));
      const created = response.body.items.map((conflict) => Date.parse(conflict.createdAt));
      expect([...created].sort((a, b) => b - a)).toEqual(created);
      expect(response.body.items.every((conflict) => conflict.environmentId === environment.id)).toBe(true);
    });

    it('filters by intent and by status', async () => {
      const byIntent = await list(cast().approver, { intentId: ravis.id });
      expect(ids(byIntent.body.items)).toEqual(ids(all.filter((conflict) => conflict.intentId === ravis.id)));

      const warning = all.find(
        (conflict) => conflict.intentId === ritas.id && conflict.severity === 'WARNING',
      )!;
      expect((await decide(warning, 'acknowledge', cast().approver)).status).toBe(200);

      const acknowledged = await list(cast().approver, {
        environmentId: environment.id,
        status: 'ACKNOWLEDGED',
      });
      expect(ids(acknowledged.body.items)).toEqual([warning.id]);
      const open = await list(cast().approver, { environmentId: environment.id, status: 'OPEN' });
      expect(ids(open.body.items)).toEqual(ids(all.filter((conflict) => conflict.id !== warning.id)));
      const resolved = await list(cast().approver, { intentId: ritas.id, status: 'RESOLVED' });
      expect(resolved.body.items).toEqual([]);
    });

    it('shows each person only the conflicts of intents they may see', async () => {
      const ofIntent = (intent: IntentView) => ids(all.filter((conflict) => conflict.intentId === intent.id));

      expect(ids((await list(cast().requester, { environmentId: environment.id })).body.items)).toEqual(
        ofIntent(ritas),
      );
      expect(ids((await list(ravi, { environmentId: environment.id })).body.items)).toEqual(ofIntent(ravis));
      expect((await list(cast().requester, { intentId: ravis.id })).body.items).toEqual([]);
      expect((await list(outsider, { environmentId: environment.id })).body.items).toEqual([]);
      expect(ids((await list(cast().admin, { environmentId: environment.id })).body.items)).toEqual(ids(all));
      expect(ids((await list(viewer, { environmentId: environment.id })).body.items)).toEqual(ids(all));
    });

    it('pages with an opaque cursor: every conflict once, in the same order', async () => {
      const whole = (await list(cast().approver, { environmentId: environment.id })).body.items;
      const seen: ConflictView[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await list(cast().approver, { environmentId: environment.id, limit: 4, cursor });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 10);

      expect(pages).toBe(2);
      expect(seen.map((conflict) => conflict.id)).toEqual(whole.map((conflict) => conflict.id));
    });
  });
});
