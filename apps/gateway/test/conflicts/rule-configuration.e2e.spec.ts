import { ConflictView, FreeSlotsView, FreezeView, IntentView } from '@envrefresh/contracts';
import { useApiSuite } from '../api/support/api-suite';
import { expectStatus } from '../api/support/lifecycle';
import { day, expectFindings, span } from './support/rules-findings';
import { RulesWorld } from './support/rules-world';

/** What the operator configured for this suite's conflicts service. */
const CONFLICT_RULES = 'DEPENDENCY=off,OUTSIDE_MAINTENANCE=BLOCKING,BOOKING_OVERLAP=WARNING';

type Summary = Pick<ConflictView, 'type' | 'severity' | 'status'>;

const summary = (conflicts: Summary[]): Summary[] =>
  conflicts
    .map(({ type, severity, status }) => ({ type, severity, status }))
    .sort((a, b) => a.type.localeCompare(b.type));

/**
 * The rule table of SPEC.md as an operator reconfigured it: a rule switched off finds nothing
 * anywhere (dry run, stored conflicts, slot finder), an overridden severity is the one reported,
 * stored and enforced by the approval gate, and the rules not named keep SPEC.md's severities.
 */
describe(`rules configured by CONFLICT_RULES=${CONFLICT_RULES}`, () => {
  const suite = useApiSuite({ serviceEnv: { conflicts: { CONFLICT_RULES } } });
  let world: RulesWorld;

  beforeAll(() => {
    world = new RulesWorld(suite);
  });

  /** The requester's intent for `window`, submitted, once the service has stored `expected` for it. */
  const submittedWith = async (
    environment: Parameters<RulesWorld['requested']>[0],
    window: ReturnType<typeof span>,
    expected: Array<Pick<ConflictView, 'type' | 'severity'>>,
  ): Promise<IntentView> => {
    const intent = await world.requested(environment, window);
    await world.eventuallyConflicts(intent, (conflicts) =>
      expect(summary(conflicts)).toEqual(summary(expected.map((each) => ({ ...each, status: 'OPEN' })))),
    );
    return intent;
  };

  it('DEPENDENCY=off: nothing over the dependency graph, in a check, in stored conflicts or in free slots', async () => {
    const t = day('2031-06-02');
    const upstream = await world.environment();
    const downstream = await world.environment({
      dependsOn: [upstream.key],
      maintenanceWindows: [{ name: 'Day shift', start: t('08:00'), end: t('18:00') }],
    });
    const other = await world.intent('REQUESTED', upstream, span(t('10:00'), t('14:00')));
    const booking = await world.book(upstream, span(t('14:00'), t('16:00')), { priority: 'HIGH' });
    const blackout = await world.window(
      'BLACKOUT',
      { start: t('16:00'), end: t('17:00') },
      { environmentIds: [upstream.id] },
      'Upstream upgrade',
    );

    const onDownstream = await world.check(downstream, span(t('09:00'), t('17:00')));
    expectFindings('the dependent environment, inside its maintenance window', onDownstream.conflicts, []);
    expect(onDownstream.blocking).toBe(false);

    // The other rules still run: the same causes seen from the environment itself.
    const onUpstream = await world.check(upstream, span(t('09:00'), t('17:00')));
    expectFindings('the environment itself', onUpstream.conflicts, [
      {
        type: 'INTENT_OVERLAP',
        severity: 'WARNING',
        relatedRef: { kind: 'INTENT', id: other.id },
        window: span(t('10:00'), t('14:00')),
        mentions: [world.colleague.sub],
      },
      {
        type: 'BOOKING_OVERLAP',
        severity: 'WARNING',
        relatedRef: { kind: 'BOOKING', id: booking.id },
        window: span(t('14:00'), t('16:00')),
        mentions: ['payments-qa', '(HIGH)'],
      },
      {
        type: 'BLACKOUT',
        severity: 'BLOCKING',
        relatedRef: { kind: 'WINDOW', id: blackout.id },
        window: span(t('16:00'), t('17:00')),
        mentions: ['Upstream upgrade'],
      },
    ]);

    // Upstream is busy from 10:00 to 17:00, yet the slot finder proposes the dependent's
    // maintenance window from its start: with DEPENDENCY on, no four hours of it would be free.
    const slots = await suite.api.get<FreeSlotsView>(`/environments/${downstream.id}/free-slots`, {
      as: world.cast.requester,
      query: { duration: 'PT4H', from: t('00:00'), to: t('24:00'), limit: 5 },
    });
    expectStatus(slots, 200, 'GET /environments/{id}/free-slots');
    expect(slots.body.slots).toEqual([{ start: t('08:00'), end: t('12:00'), availableUntil: t('18:00') }]);

    // Stored: running past its maintenance window gives the intent exactly that conflict (so its
    // conflicts were computed) and nothing from upstream.
    await submittedWith(downstream, span(t('09:00'), t('19:00')), [
      { type: 'OUTSIDE_MAINTENANCE', severity: 'BLOCKING' },
    ]);
  });

  it('OUTSIDE_MAINTENANCE=BLOCKING: a refresh outside the maintenance windows is blocked and cannot be approved', async () => {
    const t = day('2031-06-04');
    const environment = await world.environment();
    await world.window(
      'MAINTENANCE',
      {
        rrule: 'FREQ=DAILY',
        duration: 'PT4H',
        timezone: 'Europe/Berlin',
        startsAt: '2031-06-01T01:00:00+02:00',
      },
      { environmentIds: [environment.id] },
      'Nightly maintenance',
    );

    const inside = await world.check(environment, span(t('00:00'), t('03:00')));
    expectFindings('inside 01:00–05:00 Berlin (23:00–03:00 UTC)', inside.conflicts, []);
    const outside = await world.check(environment, span(t('02:00'), t('04:00')));
    expectFindings('an hour past it', outside.conflicts, [
      {
        type: 'OUTSIDE_MAINTENANCE',
        severity: 'BLOCKING',
        relatedRef: { kind: 'ENVIRONMENT', id: environment.id },
        window: span(t('03:00'), t('04:00')),
        mentions: [environment.key],
      },
    ]);
    expect(outside.blocking).toBe(true);

    const intent = await submittedWith(environment, span(t('02:00'), t('04:00')), [
      { type: 'OUTSIDE_MAINTENANCE', severity: 'BLOCKING' },
    ]);
    const approve = await world.lifecycle.act(intent, 'approve');
    expect(approve.status).toBe(409);

    // Being outside a maintenance window is still no reason to freeze the environment.
    const freeze = await suite.api.get<FreezeView>('/freeze', {
      as: world.cast.operator,
      query: { environmentId: environment.id, at: t('12:00') },
    });
    expectStatus(freeze, 200, 'GET /freeze');
    expect(freeze.body).toMatchObject({ frozen: false, reasons: [] });
  });

  it('BOOKING_OVERLAP=WARNING: HIGH and CRITICAL bookings only warn, and an overlapping intent can be approved', async () => {
    const t = day('2031-06-06');
    const environment = await world.environment();
    const high = await world.book(environment, span(t('08:00'), t('12:00')), { priority: 'HIGH' });
    const critical = await world.book(environment, span(t('12:00'), t('16:00')), { priority: 'CRITICAL' });

    const checked = await world.check(environment, span(t('10:00'), t('14:00')));
    expectFindings('over both bookings', checked.conflicts, [
      {
        type: 'BOOKING_OVERLAP',
        severity: 'WARNING',
        relatedRef: { kind: 'BOOKING', id: high.id },
        window: span(t('10:00'), t('12:00')),
        mentions: ['(HIGH)'],
      },
      {
        type: 'BOOKING_OVERLAP',
        severity: 'WARNING',
        relatedRef: { kind: 'BOOKING', id: critical.id },
        window: span(t('12:00'), t('14:00')),
        mentions: ['(CRITICAL)'],
      },
    ]);
    expect(checked.blocking).toBe(false);

    const intent = await submittedWith(environment, span(t('10:00'), t('14:00')), [
      { type: 'BOOKING_OVERLAP', severity: 'WARNING' },
      { type: 'BOOKING_OVERLAP', severity: 'WARNING' },
    ]);
    const approved = await world.lifecycle.advance(intent, 'approve');
    expect(approved.status).toBe('APPROVED');

    // A HIGH booking no longer freezes the environment either.
    const freeze = await suite.api.get<FreezeView>('/freeze', {
      as: world.cast.operator,
      query: { environmentId: environment.id, at: t('09:00') },
    });
    expectStatus(freeze, 200, 'GET /freeze');
    expect(freeze.body.frozen).toBe(false);
    expect(freeze.body.reasons).toEqual([
      expect.objectContaining({
        type: 'BOOKING_OVERLAP',
        severity: 'WARNING',
        relatedRef: { kind: 'BOOKING', id: high.id },
      }),
    ]);
  });

  it('rules not named keep their severities: a blackout still blocks approve, an approved intent still blocks', async () => {
    const t = day('2031-06-08');
    const environment = await world.environment();
    const blackout = await world.window(
      'BLACKOUT',
      { start: t('08:00'), end: t('10:00') },
      { environmentIds: [environment.id] },
      'Release freeze',
    );
    const approved = await world.intent('APPROVED', environment, span(t('12:00'), t('14:00')));

    const checked = await world.check(environment, span(t('09:00'), t('13:00')));
    expectFindings('over the blackout and the approved intent', checked.conflicts, [
      {
        type: 'BLACKOUT',
        severity: 'BLOCKING',
        relatedRef: { kind: 'WINDOW', id: blackout.id },
        window: span(t('09:00'), t('10:00')),
        mentions: ['Release freeze'],
      },
      {
        type: 'INTENT_OVERLAP',
        severity: 'BLOCKING',
        relatedRef: { kind: 'INTENT', id: approved.id },
        window: span(t('12:00'), t('13:00')),
        mentions: [world.colleague.sub, 'APPROVED'],
      },
    ]);

    const intent = await submittedWith(environment, span(t('09:00'), t('10:00')), [
      { type: 'BLACKOUT', severity: 'BLOCKING' },
    ]);
    expect((await world.lifecycle.act(intent, 'approve')).status).toBe(409);
  });
});
