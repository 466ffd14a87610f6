import ICAL from 'ical.js';
import {
  CalendarFeedView,
  CreatedCalendarFeedView,
  EnvironmentView,
  IntentView,
} from '@envrefresh/contracts';
import { ApiResponse } from '../api/support/api-client';
import { useApiSuite } from '../api/support/api-suite';
import { OWNER_GROUP, expectStatus } from '../api/support/lifecycle';
import { Persona, persona } from '../api/support/personas';
import { ConflictCalendar } from '../conflicts/support/calendar';

const DAY = 86_400_000;
let daysAhead = 20;

/** A window inside the feed's range (a month back to half a year ahead), a day apart per call. */
function soon(hours = 2): { plannedStart: string; plannedEnd: string } {
  const start = Math.ceil((Date.now() + daysAhead++ * DAY) / 3_600_000) * 3_600_000;
  return {
    plannedStart: new Date(start).toISOString(),
    plannedEnd: new Date(start + hours * 3_600_000).toISOString(),
  };
}

interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string | null;
  dtstart: string;
  dtend: string;
  dtstamp: string;
}

/** The feed as a calendar app reads it: parsed by ical.js, a parser nobody here wrote. */
function eventsOf(response: ApiResponse): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(response.text));
  return calendar.getAllSubcomponents('vevent').map((vevent) => ({
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
    dtstart: String(vevent.getFirstPropertyValue('dtstart')),
    dtend: String(vevent.getFirstPropertyValue('dtend')),
    dtstamp: String(vevent.getFirstPropertyValue('dtstamp')),
  }));
}

/**
 * The personal iCal feed on the real services: what a subscribed calendar app sees, how it
 * changes, who may make and revoke feeds, and that a feed never shows a refresh its owner may not.
 */
describe('iCal feeds', () => {
  const suite = useApiSuite();
  let world: ConflictCalendar;
  let environment: EnvironmentView;
  const member = persona('vera-viewer', ['viewer'], [OWNER_GROUP]);
  const outsider = persona('oscar-outsider', ['viewer'], ['elsewhere']);

  beforeAll(async () => {
    world = new ConflictCalendar(suite);
    environment = await world.environment();
  });

  async function createFeed(as: Persona, body: Record<string, unknown> = { environmentId: environment.id }) {
    const response = await suite.api.post<CreatedCalendarFeedView>('/me/calendar-feeds', { as, body });
    expectStatus(response, 201, 'POST /me/calendar-feeds');
    return response.body;
  }

  function fetchFeed(feed: CreatedCalendarFeedView, headers: Record<string, string> = {}) {
    const token = new URL(feed.url).searchParams.get('token') ?? '';
    return suite.api.get('/calendar.ics', { query: { token }, headers });
  }

  async function served(feed: CreatedCalendarFeedView): Promise<ParsedEvent[]> {
    const response = await fetchFeed(feed);
    expectStatus(response, 200, 'GET /calendar.ics');
    expect(response.contentType).toMatch(/^text\/calendar/);
    return eventsOf(response);
  }

  it('serves RFC 5545 a real parser reads: every event with UID, DTSTAMP, DTSTART, DTEND, the same UIDs twice', async () => {
    await world.requested(environment, { start: soon().plannedStart, end: soon().plannedEnd });
    await world.book(environment, { start: soon().plannedStart, end: soon().plannedEnd });
    const feed = await createFeed(member);
    expect(feed.url).toMatch(
      /^http:\/\/localhost:3000\/api\/v1\/calendar\.ics\?token=erc_[A-Za-z0-9_-]{43}$/,
    );

    const first = await served(feed);
    expect(first.length).toBeGreaterThanOrEqual(2);
    for (const event of first) {
      expect(event.uid).toMatch(/@envrefresh$/);
      for (const instant of [event.dtstart, event.dtend, event.dtstamp]) expect(instant).toMatch(/Z$/);
    }
    const second = await served(feed);
    expect(second.map((event) => event.uid)).toEqual(first.map((event) => event.uid));
  });

  it('raises SEQUENCE when the intent is amended, and shows a cancelled refresh as STATUS:CANCELLED', async () => {
    const window = soon();
    const intent = await world.lifecycle.fileIntent(environment, { ...window, submit: true });
    const cancelled = await world.lifecycle.advance(
      await world.lifecycle.fileIntent(environment, { ...soon(), submit: true }),
      'cancel',
    );
    const feed = await createFeed(member);
    const uidOf = (refresh: IntentView) => `refresh-${refresh.id}@envrefresh`;

    const before = (await served(feed)).find((event) => event.uid === uidOf(intent));
    expect(before).toBeDefined();
    const amended = await suite.api.patch<IntentView>(`/intents/${intent.id}`, {
      as: world.cast.requester,
      body: {
        version: intent.version,
        plannedEnd: new Date(Date.parse(window.plannedEnd) + 3_600_000).toISOString(),
      },
    });
    expectStatus(amended, 200, 'PATCH /intents/{id}');

    const after = await served(feed);
    const moved = after.find((event) => event.uid === uidOf(intent));
    expect(moved!.sequence).toBeGreaterThan(before!.sequence);
    expect(moved!.dtend).not.toBe(before!.dtend);
    expect(after.find((event) => event.uid === uidOf(cancelled))?.status).toBe('CANCELLED');
    expect(before!.status).toBe('CONFIRMED');
  });

  it('answers 304 to If-None-Match with its ETag, and a new body once something changes', async () => {
    const feed = await createFeed(member);
    const first = await fetchFeed(feed);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await fetchFeed(feed, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');

    await world.book(environment, { start: soon().plannedStart, end: soon().plannedEnd });
    const changed = await fetchFeed(feed, { 'if-none-match': etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('renders a feed once while nothing on the calendar changes, and afresh the moment something does', async () => {
    const feed = await createFeed(member);
    const gateway = suite.apps.find((app) => app.name === 'gateway')!;
    const answers = async (source: 'made' | 'reused') =>
      Number(
        new RegExp(`^calendar_answers_total\\{route="feed",source="${source}"\\} (\\d+)$`, 'm').exec(
          await (await fetch(`${gateway.baseUrl}/metrics`)).text(),
        )?.[1] ?? 0,
      );
    const [made, reused] = [await answers('made'), await answers('reused')];

    const first = await fetchFeed(feed);
    const second = await fetchFeed(feed);
    expect(second.text).toBe(first.text);
    expect(await answers('made')).toBe(made + 1);
    expect(await answers('reused')).toBe(reused + 1);

    const booked = await world.book(environment, { start: soon().plannedStart, end: soon().plannedEnd });
    const third = await fetchFeed(feed);
    expect(await answers('made')).toBe(made + 2);
    expect(eventsOf(third).map((event) => event.uid)).toContain(`booking-${booked.id}@envrefresh`);
  });

  it('never shows a refresh its owner may not see; the windows and bookings everyone sees stay', async () => {
    const hidden = await world.lifecycle.fileIntent(environment, { ...soon(), submit: true });
    await world.window(
      'BLACKOUT',
      { start: soon().plannedStart, end: soon().plannedEnd },
      { environmentIds: [environment.id] },
    );
    const outsiders = await served(await createFeed(outsider));
    const members = await served(await createFeed(member));

    expect(members.map((event) => event.uid)).toContain(`refresh-${hidden.id}@envrefresh`);
    expect(outsiders.filter((event) => event.uid.startsWith('refresh-'))).toEqual([]);
    expect(outsiders.some((event) => event.uid.startsWith('blackout-'))).toBe(true);
    expect(outsiders.some((event) => event.uid.startsWith('booking-'))).toBe(true);
  });

  it('shows what its owner could see with the groups they had when they made it', async () => {
    const intent = await world.lifecycle.fileIntent(environment, { ...soon(), submit: true });
    const uid = `refresh-${intent.id}@envrefresh`;
    const beforeJoining = persona('gina-joiner', ['viewer'], []);
    const afterJoining = persona('gina-joiner', ['viewer'], [OWNER_GROUP]);
    const oldFeed = await createFeed(beforeJoining);
    const newFeed = await createFeed(afterJoining);

    expect((await served(oldFeed)).map((event) => event.uid)).not.toContain(uid);
    expect((await served(newFeed)).map((event) => event.uid)).toContain(uid);
    const listed = await suite.api.get<{ items: CalendarFeedView[] }>('/me/calendar-feeds', {
      as: afterJoining,
    });
    expect(listed.body.items.map((item) => item.id).sort()).toEqual([oldFeed.id, newFeed.id].sort());
  });

  it('lists feeds without tokens, and a revoked feed answers 404 at once', async () => {
    const feed = await createFeed(member, { tier: 'QA' });
    const listed = await suite.api.get<{ items: CalendarFeedView[] }>('/me/calendar-feeds', { as: member });
    expectStatus(listed, 200, 'GET /me/calendar-feeds');
    expect(listed.body.items).toContainEqual({
      id: feed.id,
      environmentId: null,
      tier: 'QA',
      createdAt: feed.createdAt,
    });
    expect(listed.text).not.toContain(new URL(feed.url).searchParams.get('token')!);

    expectStatus(await fetchFeed(feed), 200, 'GET /calendar.ics before revoking');
    const revoked = await suite.api.request('DELETE', `/me/calendar-feeds/${feed.id}`, { as: member });
    expectStatus(revoked, 200, 'DELETE /me/calendar-feeds/{id}');
    expect((await fetchFeed(feed)).status).toBe(404);
    const after = await suite.api.get<{ items: CalendarFeedView[] }>('/me/calendar-feeds', { as: member });
    expect(after.body.items.map((item) => item.id)).not.toContain(feed.id);
  });

  it('keeps the feed routes to their owners: 401 without a bearer token, 404 for another one’s feed or an unknown token', async () => {
    const feed = await createFeed(member);
    expect((await suite.api.post('/me/calendar-feeds', { body: {} })).status).toBe(401);
    expect((await suite.api.get('/me/calendar-feeds')).status).toBe(401);
    expect((await suite.api.request('DELETE', `/me/calendar-feeds/${feed.id}`)).status).toBe(401);
    expect(
      (
        await suite.api.get('/calendar', {
          query: { from: '2027-01-01T00:00:00Z', to: '2027-01-02T00:00:00Z' },
        })
      ).status,
    ).toBe(401);
    expect(
      (await suite.api.request('DELETE', `/me/calendar-feeds/${feed.id}`, { as: outsider })).status,
    ).toBe(404);
    expect((await suite.api.request('DELETE', '/me/calendar-feeds/not-a-feed', { as: member })).status).toBe(
      404,
    );
    for (const as of [
      member,
      world.cast.requester,
      world.cast.approver,
      world.cast.operator,
      world.cast.admin,
    ])
      expect((await suite.api.post('/me/calendar-feeds', { as, body: {} })).status).toBe(201);
    expect((await suite.api.get('/calendar.ics', { query: { token: 'erc_unknown' } })).status).toBe(404);
    expect((await suite.api.get('/calendar.ics')).status).toBe(400);
    const bad = await suite.api.post('/me/calendar-feeds', { as: member, body: { tier: 'PROD' } });
    expectStatus(bad, 400, 'POST /me/calendar-feeds with a bad tier');
    expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(['tier']);
  });
});
