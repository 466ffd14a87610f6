import { CALENDAR_MAX_RANGE_DAYS, CalendarEntryView, EnvironmentView } from '@envrefresh/contracts';
import { useApiSuite } from '../api/support/api-suite';
import { expectStatus } from '../api/support/lifecycle';
import { ConflictCalendar } from '../conflicts/support/calendar';

const berlinClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const local = (instant: string) => berlinClock.format(new Date(instant));

/**
 * `GET /calendar` on the real services: recurring windows expanded in their own timezone across
 * daylight-saving changes, and the query's rules (a required, bounded range; filters named when
 * wrong; a range that would expand too much is 422 with the reason).
 */
describe('GET /calendar', () => {
  const suite = useApiSuite();
  let world: ConflictCalendar;
  let environment: EnvironmentView;

  beforeAll(async () => {
    world = new ConflictCalendar(suite);
    environment = await world.environment();
    await world.window(
      'BLACKOUT',
      {
        rrule: 'FREQ=WEEKLY;BYDAY=SA',
        duration: 'PT8H',
        timezone: 'Europe/Berlin',
        startsAt: '2027-01-02T22:00:00+01:00',
      },
      { environmentIds: [environment.id] },
      'Saturday night freeze',
    );
  });

  const calendar = (query: Record<string, string>) =>
    suite.api.get('/calendar', { as: world.cast.requester, query });

  it.each([
    [
      'spring',
      '2027-03-15T00:00:00Z',
      '2027-04-10T00:00:00Z',
      ['2027-03-20T21:00', '2027-03-27T21:00', '2027-04-03T20:00'],
    ],
    [
      'autumn',
      '2027-10-20T00:00:00Z',
      '2027-11-10T00:00:00Z',
      ['2027-10-23T20:00', '2027-10-30T20:00', '2027-11-06T21:00'],
    ],
  ])(
    'keeps a weekly 22:00–06:00 Europe/Berlin blackout at 22:00 local on both sides of the %s change',
    async (_season, from, to, startsUtc) => {
      const response = await calendar({ from, to, environmentId: environment.id });
      expectStatus(response, 200, 'GET /calendar');
      const blackouts = (response.body.items as CalendarEntryView[]).filter(
        (entry) => entry.kind === 'BLACKOUT',
      );
      expect(blackouts.map((entry) => entry.start.slice(0, 16))).toEqual(startsUtc);
      for (const entry of blackouts) {
        expect(local(entry.start)).toBe('Sat 22:00');
        expect(local(entry.end)).toBe('Sun 06:00');
        expect(entry).toMatchObject({
          environmentId: environment.id,
          title: 'Saturday night freeze',
          status: 'ACTIVE',
        });
      }
      expect(new Set(blackouts.map((entry) => entry.uid)).size).toBe(blackouts.length);
    },
  );

  it.each<[string, Record<string, string>, string]>([
    ['without from', { to: '2027-04-01T00:00:00Z' }, 'from'],
    ['without to', { from: '2027-04-01T00:00:00Z' }, 'to'],
    ['with to before from', { from: '2027-04-02T00:00:00Z', to: '2027-04-01T00:00:00Z' }, 'to'],
    ['with a local time', { from: '2027-04-01T00:00:00', to: '2027-04-02T00:00:00Z' }, 'from'],
    [
      `over ${CALENDAR_MAX_RANGE_DAYS} days`,
      { from: '2027-01-01T00:00:00Z', to: '2028-01-07T00:00:00Z' },
      'to',
    ],
    [
      'with a bad environmentId',
      { from: '2027-04-01T00:00:00Z', to: '2027-04-02T00:00:00Z', environmentId: 'qa' },
      'environmentId',
    ],
    [
      'with an unknown tier',
      { from: '2027-04-01T00:00:00Z', to: '2027-04-02T00:00:00Z', tier: 'PROD' },
      'tier',
    ],
    [
      'with an unknown filter',
      { from: '2027-04-01T00:00:00Z', to: '2027-04-02T00:00:00Z', colour: 'red' },
      'colour',
    ],
  ])('answers 400 naming the field %s', async (_case, query, field) => {
    const response = await calendar(query);
    expectStatus(response, 400, `GET /calendar ${JSON.stringify(query)}`);
    expect(response.contentType).toContain('application/problem+json');
    expect((response.body.errors ?? []).map((error: { field: string }) => error.field)).toContain(field);
  });

  it('answers 422 with the reason when the range would expand too many occurrences', async () => {
    const busy = await world.environment();
    await world.window(
      'MAINTENANCE',
      { rrule: 'FREQ=HOURLY', duration: 'PT30M', timezone: 'UTC', startsAt: '2027-01-01T00:00:00Z' },
      { environmentIds: [busy.id] },
      'Hourly housekeeping',
    );
    const response = await calendar({
      from: '2027-01-01T00:00:00Z',
      to: '2027-12-31T00:00:00Z',
      environmentId: busy.id,
    });
    expectStatus(response, 422, 'GET /calendar over a year of an hourly window');
    expect(response.body.detail).toMatch(/would expand more than \d+ window occurrences; narrow from and to/);

    const month = await calendar({
      from: '2027-01-01T00:00:00Z',
      to: '2027-02-01T00:00:00Z',
      environmentId: busy.id,
    });
    expectStatus(month, 200, 'GET /calendar over a month of it');
    expect(
      (month.body.items as CalendarEntryView[]).filter((entry) => entry.kind === 'MAINTENANCE'),
    ).toHaveLength(31 * 24);
  });

  it('shows a tier- or globally-scoped window once, without an environment, when not asked for one', async () => {
    await world.window(
      'BLACKOUT',
      { start: '2027-06-01T00:00:00Z', end: '2027-06-02T00:00:00Z' },
      { tiers: ['QA'] },
      'QA freeze',
    );
    const unfiltered = await calendar({ from: '2027-06-01T00:00:00Z', to: '2027-06-02T00:00:00Z' });
    expectStatus(unfiltered, 200, 'GET /calendar');
    expect(
      (unfiltered.body.items as CalendarEntryView[]).filter((entry) => entry.title === 'QA freeze'),
    ).toEqual([expect.objectContaining({ environmentId: null, kind: 'BLACKOUT' })]);
    const forEnvironment = await calendar({
      from: '2027-06-01T00:00:00Z',
      to: '2027-06-02T00:00:00Z',
      environmentId: environment.id,
    });
    expect(
      (forEnvironment.body.items as CalendarEntryView[]).filter((entry) => entry.title === 'QA freeze'),
    ).toEqual([expect.objectContaining({ environmentId: environment.id })]);
    const otherTier = await calendar({
      from: '2027-06-01T00:00:00Z',
      to: '2027-06-02T00:00:00Z',
      tier: 'UAT',
    });
    expect(
      (otherTier.body.items as CalendarEntryView[]).filter((entry) => entry.title === 'QA freeze'),
    ).toEqual([]);
  });
});
