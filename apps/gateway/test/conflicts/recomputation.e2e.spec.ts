import { ConflictView, EnvironmentView, IntentView } from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { ConflictCalendar } from './support/calendar';
import { EventWatch, about } from './support/recompute-events';
import {
  amend,
  eventuallyTheConflict,
  hours,
  knownEnvironment,
  live,
  requestedAndSeen,
  theConflict,
} from './support/recompute-scenes';
import { stopScheduling } from '../schedules/support/scheduling-replicas';

describe('conflicts are kept true: recomputed whenever what they depend on changes', () => {
  const suite = useApiSuite();
  let calendar: ConflictCalendar;
  let events: EventWatch;

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

  /** Waits until `conflict` is RESOLVED, then checks `conflict.resolved` carried it exactly so. */
  async function expectResolvedAndAnnounced(
    intent: IntentView,
    conflict: ConflictView,
  ): Promise<ConflictView> {
    const resolved = await eventuallyTheConflict(calendar, intent, { id: conflict.id, status: 'RESOLVED' });
    expect(resolved).toEqual({
      ...conflict,
      status: 'RESOLVED',
      resolvedAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(Date.parse(resolved.resolvedAt!)).toBeGreaterThanOrEqual(Date.parse(conflict.createdAt));
    const announced = await events.one<ConflictView>('conflict.resolved', about(conflict.id));
    expect(announced).toMatchObject({ type: 'conflict.resolved', source: 'conflicts' });
    expect(announced.data).toEqual(resolved);
    return resolved;
  }

  it('resolves an overlap when the other intent is cancelled, and publishes conflict.resolved', async () => {
    const environment = await knownEnvironment(calendar);
    const mine = await requestedAndSeen(calendar, environment, hours('2032-02-02', 10, 14));
    const theirs = await requestedAndSeen(calendar, environment, hours('2032-02-02', 12, 16));
    const overlap = await eventuallyTheConflict(calendar, mine, {
      type: 'INTENT_OVERLAP',
      relatedId: theirs.id,
      status: 'OPEN',
    });
    expect(overlap).toMatchObject({
      intentId: mine.id,
      environmentId: environment.id,
      severity: 'WARNING',
      rule: 'INTENT_OVERLAP',
      relatedRef: { kind: 'INTENT', id: theirs.id },
      window: hours('2032-02-02', 12, 14),
    });
    expect(overlap.explanation).toContain(environment.key);
    expect(overlap.explanation).toContain('REQUESTED');
    expect((await events.one<ConflictView>('conflict.detected', about(overlap.id))).data).toMatchObject({
      id: overlap.id,
      status: 'OPEN',
    });

    await calendar.lifecycle.advance(theirs, 'cancel');

    await expectResolvedAndAnnounced(mine, overlap);
    // The cancelled intent is no longer active: it keeps no open conflict either.
    await calendar.eventuallyConflicts(theirs, (conflicts) => {
      expect(conflicts.length).toBeGreaterThan(0);
      expect(live(conflicts)).toEqual([]);
    });
  });

  it('resolves a booking overlap when the booking is cancelled, and publishes conflict.resolved', async () => {
    const environment = await knownEnvironment(calendar);
    const intent = await requestedAndSeen(calendar, environment, hours('2032-02-03', 10, 14));
    const booking = await calendar.book(environment, hours('2032-02-03', 12, 16), { priority: 'HIGH' });
    const overlap = await eventuallyTheConflict(calendar, intent, {
      type: 'BOOKING_OVERLAP',
      relatedId: booking.id,
      status: 'OPEN',
    });
    expect(overlap).toMatchObject({
      severity: 'BLOCKING',
      relatedRef: { kind: 'BOOKING', id: booking.id },
      window: hours('2032-02-03', 12, 14),
    });
    expect(overlap.explanation).toContain('payments-qa');
    expect(overlap.explanation).toContain('release 4.2 testing');
    expect(overlap.explanation).toContain('HIGH');

    await calendar.cancelBooking(booking);

    await expectResolvedAndAnnounced(intent, overlap);
  });

  it('resolves an overlap when the window is amended away, and finds a new one when it is amended back', async () => {
    const environment = await knownEnvironment(calendar);
    const mine = await requestedAndSeen(calendar, environment, hours('2032-02-04', 10, 14));
    const theirs = await requestedAndSeen(calendar, environment, hours('2032-02-04', 12, 16));
    const first = await eventuallyTheConflict(calendar, mine, { relatedId: theirs.id, status: 'OPEN' });

    // Back to back with theirs: half-open windows that touch do not overlap.
    const moved = await amend(
      suite,
      mine,
      { plannedStart: hours('2032-02-04', 16, 18).start, plannedEnd: hours('2032-02-04', 16, 18).end },
      cast().requester,
    );
    expect(moved.status).toBe('REQUESTED');
    await expectResolvedAndAnnounced(mine, first);
    expect(live(await calendar.conflictsOf(mine))).toEqual([]);

    await amend(
      suite,
      moved,
      { plannedStart: hours('2032-02-04', 10, 14).start, plannedEnd: hours('2032-02-04', 10, 14).end },
      cast().requester,
    );
    const again = await eventuallyTheConflict(calendar, mine, { relatedId: theirs.id, status: 'OPEN' });
    expect(again.id).not.toBe(first.id);
    expect(again).toMatchObject({ severity: 'WARNING', window: hours('2032-02-04', 12, 14) });
    expect((await events.one<ConflictView>('conflict.detected', about(again.id))).data.status).toBe('OPEN');
    // The first one stays in the record, resolved.
    theConflict(await calendar.conflictsOf(mine), { id: first.id, status: 'RESOLVED' });
  });

  it('resolves a blackout conflict when the window is deleted; the blackout re-created elsewhere touches only what it covers now', async () => {
    const environment = await knownEnvironment(calendar);
    const morning = await requestedAndSeen(calendar, environment, hours('2032-02-05', 10, 14));
    const evening = await requestedAndSeen(calendar, environment, hours('2032-02-05', 18, 20));
    const scope = { environmentIds: [environment.id] };
    const blackout = await calendar.window('BLACKOUT', hours('2032-02-05', 11, 12), scope, 'Payroll run');
    const covered = await eventuallyTheConflict(calendar, morning, {
      type: 'BLACKOUT',
      relatedId: blackout.id,
      status: 'OPEN',
    });
    expect(covered).toMatchObject({
      severity: 'BLOCKING',
      relatedRef: { kind: 'WINDOW', id: blackout.id },
      window: hours('2032-02-05', 11, 12),
    });
    expect(covered.explanation).toContain('Payroll run');

    await calendar.deleteWindow(blackout);
    await expectResolvedAndAnnounced(morning, covered);

    const recreated = await calendar.window(
      'BLACKOUT',
      { start: '2032-02-05T18:30:00Z', end: '2032-02-05T19:30:00Z' },
      scope,
      'Payroll run',
    );
    await eventuallyTheConflict(calendar, evening, {
      type: 'BLACKOUT',
      relatedId: recreated.id,
      status: 'OPEN',
    });
    // window.created has been fully handled (the evening intent has its conflict): the morning one has none.
    expect(live(await calendar.conflictsOf(morning))).toEqual([]);
  });

  it('finds a new BLOCKING conflict when a blackout is added over a scheduled intent, and refuses start', async () => {
    const environment = await knownEnvironment(calendar);
    let intent = await requestedAndSeen(calendar, environment, hours('2032-02-06', 10, 14));
    intent = await calendar.lifecycle.advance(intent, 'approve');
    intent = await calendar.lifecycle.schedule(intent);
    const blackout = await calendar.window('BLACKOUT', hours('2032-02-06', 13, 15), {
      environmentIds: [environment.id],
    });

    // No waiting: the gate recomputes against everything known now, the blackout included.
    const refused = await calendar.lifecycle.act(intent, 'start');

    expect(refused.status).toBe(409);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 409, code: 'INTENT.BLOCKING_CONFLICT' });
    expect(refused.body.blockingConflictIds).toHaveLength(1);
    const [blockingId] = refused.body.blockingConflictIds as string[];
    expect(refused.body.detail).toContain(blockingId);
    const conflict = await eventuallyTheConflict(calendar, intent, { type: 'BLACKOUT', status: 'OPEN' });
    expect(conflict).toMatchObject({
      id: blockingId,
      severity: 'BLOCKING',
      relatedRef: { kind: 'WINDOW', id: blackout.id },
      window: hours('2032-02-06', 13, 14),
    });
    const detected = await events.one<ConflictView>('conflict.detected', about(blockingId));
    expect(detected.data).toMatchObject({ status: 'OPEN', severity: 'BLOCKING', intentId: intent.id });

    const after = await calendar.lifecycle.get(intent.id);
    expect(after.body).toMatchObject({ status: 'SCHEDULED', version: intent.version });
    // Asked again once the window.created event has been handled: the same single conflict.
    const again = await calendar.lifecycle.act(intent, 'start');
    expect(again.status).toBe(409);
    expect(again.body.blockingConflictIds).toEqual([blockingId]);
  });

  it('turns a WARNING overlap into a BLOCKING one when the other intent is approved', async () => {
    const environment = await knownEnvironment(calendar);
    const mine = await requestedAndSeen(calendar, environment, hours('2032-02-09', 10, 14));
    const theirs = await requestedAndSeen(calendar, environment, hours('2032-02-09', 12, 16));
    const warning = await eventuallyTheConflict(calendar, mine, {
      relatedId: theirs.id,
      status: 'OPEN',
      severity: 'WARNING',
    });

    // A WARNING does not stand in the way of approving theirs.
    await calendar.lifecycle.advance(theirs, 'approve');

    await expectResolvedAndAnnounced(mine, warning);
    const blocking = await eventuallyTheConflict(calendar, mine, {
      relatedId: theirs.id,
      status: 'OPEN',
      severity: 'BLOCKING',
    });
    expect(blocking.id).not.toBe(warning.id);
    expect(blocking.window).toEqual(warning.window);
    expect(blocking.explanation).toContain('APPROVED');
    const detected = await events.one<ConflictView>('conflict.detected', about(blocking.id));
    expect(detected.data).toMatchObject({ severity: 'BLOCKING', status: 'OPEN' });
    // And now mine cannot be approved until that is dealt with.
    const refused = await calendar.lifecycle.act(mine, 'approve');
    expect(refused.status).toBe(409);
    expect(refused.body.blockingConflictIds).toEqual([blocking.id]);
  });

  it('keeps an acknowledged WARNING through a recomputation that leaves its cause alone, and replaces it when the cause changes', async () => {
    const environment = await knownEnvironment(calendar);
    const mine = await requestedAndSeen(calendar, environment, hours('2032-02-10', 10, 14));
    let theirs = await requestedAndSeen(calendar, environment, hours('2032-02-10', 12, 16));
    const warning = await eventuallyTheConflict(calendar, mine, { relatedId: theirs.id, status: 'OPEN' });
    const acknowledged = await suite.api.post<ConflictView>(`/conflicts/${warning.id}/acknowledge`, {
      as: cast().approver,
      body: { notes: 'The two teams agreed on the order' },
    });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ id: warning.id, status: 'ACKNOWLEDGED' });

    // Recomputes mine (a booking over its window) without touching the overlap with theirs.
    const elsewhere = await knownEnvironment(calendar);
    await calendar.book(elsewhere, hours('2032-02-10', 10, 14), { priority: 'CRITICAL' });
    const booking = await calendar.book(environment, hours('2032-02-10', 9, 11), { priority: 'LOW' });
    await eventuallyTheConflict(calendar, mine, {
      relatedId: booking.id,
      status: 'OPEN',
      severity: 'WARNING',
    });
    const kept = theConflict(await calendar.conflictsOf(mine), {
      relatedId: theirs.id,
      status: 'ACKNOWLEDGED',
    });
    expect(kept).toEqual(acknowledged.body);
    expect(events.matching<ConflictView>('conflict.resolved', about(warning.id))).toEqual([]);

    // Theirs moves: the overlap is another one now, and what was acknowledged no longer stands.
    theirs = await amend(
      suite,
      theirs,
      { plannedStart: hours('2032-02-10', 13, 16).start, plannedEnd: hours('2032-02-10', 13, 16).end },
      cast().requester,
    );
    await expectResolvedAndAnnounced(mine, acknowledged.body);
    const replaced = await eventuallyTheConflict(calendar, mine, { relatedId: theirs.id, status: 'OPEN' });
    expect(replaced).toMatchObject({ severity: 'WARNING', window: hours('2032-02-10', 13, 14) });
    expect(replaced.id).not.toBe(warning.id);
    expect(replaced.acknowledgedBy).toBeUndefined();
  });

  /** Pairs of overlapping intents, each pair on an environment of its own, filed without waiting. */
  async function fileOverlappingPairs(
    month: string,
    environment: () => Promise<EnvironmentView>,
  ): Promise<[IntentView, IntentView][]> {
    const pairs: [IntentView, IntentView][] = [];
    for (let day = 10; day < 25; day++) {
      const where = await environment();
      const first = await calendar.requested(where, hours(`${month}-${day}`, 10, 14));
      const second = await calendar.requested(where, hours(`${month}-${day}`, 12, 16));
      pairs.push([first, second]);
    }
    return pairs;
  }

  /** Each intent of each pair ends with exactly one OPEN conflict with the other. */
  async function expectBothSides(pairs: [IntentView, IntentView][]): Promise<void> {
    const lost = async () => {
      const found: string[] = [];
      for (const [first, second] of pairs) {
        for (const [intent, other] of [
          [first, second],
          [second, first],
        ]) {
          const open = (await calendar.conflictsOf(intent)).filter(
            (conflict) => conflict.relatedRef.id === other.id && conflict.status === 'OPEN',
          );
          if (open.length !== 1)
            found.push(`${intent.id} has ${open.length} open conflicts with ${other.id}`);
        }
      }
      return found;
    };
    await eventually(async () => expect(await lost()).toEqual([]), { timeoutMs: 10_000, intervalMs: 500 });
  }

  // Each event is handled in a transaction of its own, possibly at the same time as another; none
  // may miss what the other one writes. Several pairs each, because a lost update is a matter of timing.
  it('keeps both sides of an overlap when two intents are filed one right after the other', async () => {
    await expectBothSides(await fileOverlappingPairs('2032-03', () => knownEnvironment(calendar)));
  });

  it('keeps both sides of an overlap when the intents are filed on an environment created a moment before', async () => {
    await expectBothSides(await fileOverlappingPairs('2032-04', () => calendar.environment()));
  });

  it('published every conflict.* event once per change: no conflict was detected twice', async () => {
    await eventually(() => expect(events.all('conflict.detected').length).toBeGreaterThan(0));
    const detectedIds = events.all<ConflictView>('conflict.detected').map((event) => event.data.id);
    expect(new Set(detectedIds).size).toBe(detectedIds.length);
    const resolvedIds = events.all<ConflictView>('conflict.resolved').map((event) => event.data.id);
    expect(new Set(resolvedIds).size).toBe(resolvedIds.length);
  });
});
