import { randomUUID } from 'node:crypto';
import {
  ConflictCheckView,
  ConflictType,
  ConflictView,
  EnvironmentView,
  FreeSlotsView,
  FreezeView,
  IntentView,
} from '@envrefresh/contracts';
import { useApiSuite } from '../api/support/api-suite';
import { expectStatus } from '../api/support/lifecycle';
import { ConflictCalendar } from './support/calendar';
import { amend, hours, instant } from './support/recompute-scenes';

/**
 * SPEC "Read your writes" (ADR 0014): what the API answered with a 2xx is visible to the very next
 * request. Each scene runs 50 times in a row, as fast as the client can go, with no waiting
 * between a write and the read that depends on it: the conflicts service learns of environments
 * and intents from events, and must not answer as if a change it has not heard of yet did not exist.
 */
describe('read your writes across services', () => {
  const suite = useApiSuite();
  let calendar: ConflictCalendar;
  const ROUNDS = 50;
  /** 50 rounds of five to eight requests each; on a loaded 2-core machine that can take minutes. */
  const ROUNDS_TIMEOUT_MS = 300_000;

  beforeAll(() => {
    calendar = new ConflictCalendar(suite);
  });

  const cast = () => calendar.cast;
  const types = (check: ConflictCheckView): ConflictType[] =>
    check.conflicts.map((conflict) => conflict.type);

  async function createEnvironment(overrides: Record<string, unknown> = {}): Promise<EnvironmentView> {
    return calendar.environment(overrides);
  }

  async function patchEnvironment(
    environment: EnvironmentView,
    patch: Record<string, unknown>,
  ): Promise<EnvironmentView> {
    const response = await suite.api.patch<EnvironmentView>(`/environments/${environment.id}`, {
      as: cast().admin,
      body: patch,
    });
    expectStatus(response, 200, 'PATCH /environments/{id}');
    return response.body;
  }

  it(
    `knows an environment at once: created, then booked, windowed, checked, slot-searched and freeze-asked, ${ROUNDS} times`,
    async () => {
      const span = hours('2033-02-01', 8, 12);
      for (let round = 0; round < ROUNDS; round++) {
        const environment = await createEnvironment();

        const booking = await calendar.book(environment, span);
        const blackout = await suite.api.post('/windows', {
          as: cast().admin,
          body: {
            kind: 'BLACKOUT',
            name: `Release freeze ${round}`,
            scope: { environmentIds: [environment.id] },
            ...hours('2033-02-01', 10, 11),
          },
        });
        expectStatus(blackout, 201, `POST /windows (round ${round})`);
        const check = await calendar.check(environment, span);
        const slots = await suite.api.get<FreeSlotsView>(`/environments/${environment.id}/free-slots`, {
          as: cast().requester,
          query: { duration: 'PT1H' },
        });
        expectStatus(slots, 200, `GET /environments/{id}/free-slots (round ${round})`);
        const freeze = await suite.api.get<FreezeView>('/freeze', {
          as: cast().requester,
          query: { environmentId: environment.id, at: instant('2033-02-01', 10, 30) },
        });
        expectStatus(freeze, 200, `GET /freeze (round ${round})`);

        expect({ round, types: types(check) }).toEqual({
          round,
          types: expect.arrayContaining(['BOOKING_OVERLAP', 'BLACKOUT']),
        });
        expect(check.conflicts.find((conflict) => conflict.type === 'BOOKING_OVERLAP')?.relatedRef.id).toBe(
          booking.id,
        );
        expect(slots.body.environmentId).toBe(environment.id);
        expect(freeze.body).toMatchObject({ environmentId: environment.id, frozen: true });
      }
    },
    ROUNDS_TIMEOUT_MS,
  );

  it(
    `judges the next check on a changed environment: a new dependency edge, a new maintenance window, ${ROUNDS} times`,
    async () => {
      const span = hours('2033-03-01', 8, 12);
      for (let round = 0; round < ROUNDS; round++) {
        const upstream = await createEnvironment();
        await calendar.book(upstream, span);
        const downstream = await createEnvironment();

        const before = await calendar.check(downstream, span);
        const linked = await patchEnvironment(downstream, { dependsOn: [upstream.key] });
        const after = await calendar.check(linked, span);
        await patchEnvironment(linked, {
          maintenanceWindows: [{ name: 'Night shift', ...hours('2033-03-01', 0, 6) }],
        });
        const outside = await calendar.check(linked, span);

        expect({ round, before: types(before) }).toEqual({ round, before: [] });
        expect({ round, after: types(after) }).toEqual({ round, after: ['DEPENDENCY'] });
        expect(after.conflicts[0].explanation).toContain(upstream.key);
        expect({ round, outside: types(outside).sort() }).toEqual({
          round,
          outside: ['DEPENDENCY', 'OUTSIDE_MAINTENANCE'],
        });
      }
    },
    ROUNDS_TIMEOUT_MS,
  );

  it(
    `answers GET /intents/{id}/conflicts for the intent's current version right after it is filed or amended, ${ROUNDS} times`,
    async () => {
      const environment = await createEnvironment();
      const window = hours('2033-04-01', 8, 12);
      const approved = await calendar.lifecycle.advance(
        await calendar.requested(environment, window),
        'approve',
      );
      const overlapOf = (conflicts: ConflictView[]) =>
        conflicts.filter(
          (conflict) => conflict.type === 'INTENT_OVERLAP' && conflict.relatedRef.id === approved.id,
        );

      for (let round = 0; round < ROUNDS; round++) {
        const filed: IntentView = await calendar.requested(environment, hours('2033-04-01', 10, 14));
        const onFiling = await calendar.conflictsOf(filed);
        const later = hours('2033-04-02', 10, 14);
        const moved = await amend(
          suite,
          filed,
          { plannedStart: later.start, plannedEnd: later.end },
          cast().requester,
        );
        const onAmending = await calendar.conflictsOf(moved);

        expect({ round, onFiling: overlapOf(onFiling).map(({ status }) => status) }).toEqual({
          round,
          onFiling: ['OPEN'],
        });
        expect({ round, onAmending: overlapOf(onAmending).map(({ status }) => status) }).toEqual({
          round,
          onAmending: ['RESOLVED'],
        });
      }
    },
    ROUNDS_TIMEOUT_MS,
  );

  it('still refuses what the owner does not know either, as before: 400 naming the field, by position', async () => {
    const [known, other] = [await createEnvironment(), await createEnvironment()];
    const [ghost, another] = [randomUUID(), randomUUID()];
    const booking = await suite.api.post('/bookings', {
      as: cast().admin,
      body: {
        environmentId: ghost,
        ...hours('2033-06-01', 8, 9),
        group: 'payments-qa',
        purpose: 'ghost',
        priority: 'LOW',
      },
    });
    const window = await suite.api.post('/windows', {
      as: cast().admin,
      body: {
        kind: 'BLACKOUT',
        name: 'ghostly',
        scope: { environmentIds: [known.id, ghost, other.id, another] },
        ...hours('2033-06-01', 8, 9),
      },
    });
    const check = await calendar.checkResponse({
      environmentId: ghost,
      plannedStart: '2033-06-01T08:00:00Z',
      plannedEnd: '2033-06-01T09:00:00Z',
    });
    const slots = await suite.api.get(`/environments/no-such-${ghost.slice(0, 8)}/free-slots`, {
      as: cast().requester,
      query: { duration: 'PT1H' },
    });

    expect(booking.body).toMatchObject({
      status: 400,
      code: 'BOOKING.UNKNOWN_ENVIRONMENT',
      errors: [{ field: 'environmentId', message: expect.stringContaining(ghost) }],
    });
    expect(window.body).toMatchObject({
      status: 400,
      code: 'WINDOW.UNKNOWN_ENVIRONMENT',
      errors: [
        { field: 'scope.environmentIds[1]', message: expect.stringContaining(ghost) },
        { field: 'scope.environmentIds[3]', message: expect.stringContaining(another) },
      ],
    });
    expect(check.body).toMatchObject({ status: 400, code: 'CONFLICTS.UNKNOWN_ENVIRONMENT' });
    expect(slots.body).toMatchObject({ status: 404, code: 'ENVIRONMENT.NOT_FOUND' });
  });

  it('shows a booking on an intent the moment the booking is made', async () => {
    const environment = await createEnvironment();
    const window = hours('2033-05-01', 8, 12);
    const intent = await calendar.requested(environment, window);
    for (let round = 0; round < 10; round++) {
      const booking = await calendar.book(environment, hours('2033-05-01', 9, 10), {
        purpose: `demo ${round}`,
      });
      const conflicts = await calendar.conflictsOf(intent);
      expect(
        conflicts.some(
          (conflict) => conflict.type === 'BOOKING_OVERLAP' && conflict.relatedRef.id === booking.id,
        ),
      ).toBe(true);
    }
  });
});
