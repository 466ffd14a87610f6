import { EnvironmentView, FreeSlotsView } from '@envrefresh/contracts';
import { ApiResponse } from '../api/support/api-client';
import { useApiSuite } from '../api/support/api-suite';
import { expectStatus } from '../api/support/lifecycle';
import { persona } from '../api/support/personas';
import { RulesWorld } from './support/rules-world';

/** The gateway's default share per user (MAX_IN_FLIGHT_PER_USER); the API suites lift it otherwise. */
const IN_FLIGHT_SHARE = 8;
const HEAVY_CALLS = 30;
const DAY = 24 * 60 * 60 * 1000;
/** Well inside RPC_TIMEOUT_MS (5 s): before the fix this user's reads timed out. */
const ANSWER_IN_TIME_MS = 2_500;

interface Timed<T> {
  response: ApiResponse<T>;
  ms: number;
}

describe('bounded work: an expensive slot search cannot starve other users', () => {
  const suite = useApiSuite({ gatewayEnv: { MAX_IN_FLIGHT_PER_USER: String(IN_FLIGHT_SHARE) } });
  let world: RulesWorld;
  let environment: EnvironmentView;
  const heavy = persona('heavy-hal', ['viewer'], ['qa-team']);
  const other = persona('other-olga', ['viewer'], ['qa-team']);
  const from = new Date('2031-02-01T00:00:00Z');
  const yearLong = {
    duration: 'PT1M',
    from: from.toISOString(),
    to: new Date(from.getTime() + 366 * DAY).toISOString(),
  };

  const timed = async <T>(request: () => Promise<ApiResponse<T>>): Promise<Timed<T>> => {
    const started = Date.now();
    const response = await request();
    return { response, ms: Date.now() - started };
  };
  const freeSlots = (query: Record<string, string>) =>
    suite.api.get<FreeSlotsView>(`/environments/${environment.id}/free-slots`, { as: heavy, query });

  beforeAll(async () => {
    world = new RulesWorld(suite);
    environment = await world.environment();
    // An hourly blackout: a year of it is 8,784 occurrences to expand.
    await world.window(
      'BLACKOUT',
      {
        rrule: 'FREQ=HOURLY',
        duration: 'PT30M',
        timezone: 'Europe/Berlin',
        startsAt: '2031-01-01T00:00:00Z',
      },
      { environmentIds: [environment.id] },
      'Hourly batch',
    );
  });

  it(`${HEAVY_CALLS} concurrent year-long searches against an hourly window: 422 or 429, never 5xx, while another user is served in time`, async () => {
    const heavyCalls = Array.from({ length: HEAVY_CALLS }, () => timed(() => freeSlots(yearLong)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const otherCalls: Timed<unknown>[] = [];
    for (let i = 0; i < 3; i++) otherCalls.push(await timed(() => suite.api.get('/bookings', { as: other })));
    const answers = await Promise.all(heavyCalls);

    const statuses = answers.map(({ response }) => response.status);
    expect(statuses.filter((status) => status !== 422 && status !== 429)).toEqual([]);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(
      HEAVY_CALLS - IN_FLIGHT_SHARE,
    );

    const unprocessable = answers.find(({ response }) => response.status === 422)!.response;
    expect(unprocessable.body).toMatchObject({
      status: 422,
      code: 'REQUEST.TOO_MUCH_WORK',
      detail: `the slot search from ${yearLong.from} to ${yearLong.to} would expand more than 5000 window occurrences; narrow from and to`,
    });
    const refused = answers.find(({ response }) => response.status === 429)!.response;
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBe('1');

    for (const { response, ms } of otherCalls) {
      expect({ status: response.status, inTime: ms < ANSWER_IN_TIME_MS, ms }).toEqual({
        status: 200,
        inTime: true,
        ms,
      });
    }
    expect(Math.max(...answers.map(({ ms }) => ms))).toBeLessThan(ANSWER_IN_TIME_MS * 2);
  });

  it('answers a search of a sensible range at once: the next free minutes between the hourly blackouts', async () => {
    const response = await freeSlots({
      duration: 'PT1M',
      from: yearLong.from,
      to: new Date(from.getTime() + 30 * DAY).toISOString(),
      limit: '3',
    });
    expectStatus(response, 200, 'GET /environments/{id}/free-slots');
    expect(response.body.slots.map((slot) => [slot.start, slot.availableUntil])).toEqual([
      ['2031-02-01T00:30:00.000Z', '2031-02-01T01:00:00.000Z'],
      ['2031-02-01T01:30:00.000Z', '2031-02-01T02:00:00.000Z'],
      ['2031-02-01T02:30:00.000Z', '2031-02-01T03:00:00.000Z'],
    ]);
  });
});
