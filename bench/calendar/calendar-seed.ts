import { BenchTokens } from '../api/support/bench-tokens';
import { BENCH_GROUP } from '../api/support/bench-tokens';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface CalendarFixtures {
  environmentId: string;
  feedToken: string;
  /** The month `GET /calendar` is measured over. */
  month: { from: string; to: string };
}

async function post<T>(url: string, token: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * One environment with `entries` calendar entries over the feed's year ahead: bookings two hours
 * long, one every few hours, and a weekly Europe/Berlin blackout; then a feed of the requester's.
 * (1,000 entries: 948 bookings and 52 blackout Saturdays, of which the feed's half year holds 26.)
 * Created through the API, `parallel` at a time, as users would.
 */
export async function seedCalendar(
  gatewayUrl: string,
  tokens: BenchTokens,
  entries: number,
  parallel = 4,
): Promise<CalendarFixtures> {
  const api = `${gatewayUrl}/api/v1`;
  const environment = await post<{ id: string }>(`${api}/environments`, tokens.admin, {
    key: `bench-calendar-${Date.now()}`,
    name: 'Calendar bench',
    tier: 'UAT',
    ownerGroup: BENCH_GROUP,
  });
  const first = Math.ceil((Date.now() + DAY) / HOUR) * HOUR;
  await post(`${api}/windows`, tokens.admin, {
    kind: 'BLACKOUT',
    name: 'Saturday night',
    scope: { environmentIds: [environment.id] },
    rrule: 'FREQ=WEEKLY;BYDAY=SA',
    duration: 'PT8H',
    timezone: 'Europe/Berlin',
    startsAt: new Date(first).toISOString(),
  });
  const bookings = entries - 52;
  // Spread over 170 days, so all of them fall in the feed's range (a month back, half a year ahead).
  const spacing = Math.floor((170 * DAY) / bookings / HOUR) * HOUR;
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < bookings; index = next++) {
      const start = first + index * spacing;
      await post(`${api}/bookings`, tokens.requester, {
        environmentId: environment.id,
        start: new Date(start).toISOString(),
        end: new Date(start + 2 * HOUR).toISOString(),
        group: BENCH_GROUP,
        purpose: `bench booking ${index}`,
        priority: 'LOW',
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const feed = await post<{ url: string }>(`${api}/me/calendar-feeds`, tokens.requester, {});
  const monthStart = first + 30 * DAY;
  return {
    environmentId: environment.id,
    feedToken: new URL(feed.url).searchParams.get('token') ?? '',
    month: { from: new Date(monthStart).toISOString(), to: new Date(monthStart + 31 * DAY).toISOString() },
  };
}
