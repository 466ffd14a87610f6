import * as amqp from 'amqplib';
import ICAL from 'ical.js';
import { EVENT_TYPES, IntentView } from '@envrefresh/contracts';
import { ApiClient } from '../api/support/api-client';
import { startPeerReplica } from '../api/support/peer-replica';
import { useApiSuite } from '../api/support/api-suite';
import { expectStatus } from '../api/support/lifecycle';
import { ConflictCalendar } from '../conflicts/support/calendar';

const DAY = 86_400_000;

/**
 * SPEC "Read your writes" for the calendar across gateway replicas (ADR 0035): an intent filed,
 * amended or cancelled through replica A is on the very next `GET /calendar` and iCal feed through
 * replica B. The scheduling service hears no intent event here (its queue is unbound from them),
 * so what the calendar shows it took in because B named A's writes to it.
 */
describe('the calendar through another replica shows intent writes at once', () => {
  const suite = useApiSuite({ brokerIdentities: true });
  let world: ConflictCalendar;
  let replicaB: ApiClient;

  beforeAll(async () => {
    world = new ConflictCalendar(suite);
    ({ api: replicaB } = await startPeerReplica(suite));
    const connection = await amqp.connect(suite.amqpUrl);
    try {
      const channel = await connection.createChannel();
      for (const type of EVENT_TYPES.filter((eventType) => eventType.startsWith('intent.')))
        await channel.unbindQueue(`${suite.namespace}.scheduling.events`, suite.exchange, type);
    } finally {
      await connection.close();
    }
  }, 60_000);

  it('files, amends and cancels through A; B answers each change on its next calendar and feed read', async () => {
    const environment = await world.environment();
    const as = world.cast.requester;
    const created = await suite.api.post<{ url: string }>('/me/calendar-feeds', {
      as,
      body: { environmentId: environment.id },
    });
    expectStatus(created, 201, 'POST /me/calendar-feeds through A');
    const token = new URL(created.body.url).searchParams.get('token') ?? '';
    const start = Math.ceil(Date.now() / DAY) * DAY + 2 * DAY;

    const calendarThroughB = async (): Promise<Map<string, { status?: string; end: string }>> => {
      const response = await replicaB.get<{ items: { ref: string; status?: string; end: string }[] }>(
        '/calendar',
        {
          as,
          query: {
            from: new Date(start).toISOString(),
            to: new Date(start + 10 * DAY).toISOString(),
            environmentId: environment.id,
          },
        },
      );
      expectStatus(response, 200, 'GET /calendar through B');
      return new Map(response.body.items.map((item) => [item.ref, { status: item.status, end: item.end }]));
    };
    /** The iCal status of the intent's event, as a calendar app reads the feed (ical.js). */
    const feedStatusThroughB = async (intentId: string): Promise<string | null | undefined> => {
      const response = await replicaB.get('/calendar.ics', { query: { token } });
      expectStatus(response, 200, 'GET /calendar.ics through B');
      const event = new ICAL.Component(ICAL.parse(response.text))
        .getAllSubcomponents('vevent')
        .find((vevent) => String(vevent.getFirstPropertyValue('uid')).includes(intentId));
      return event ? ((event.getFirstPropertyValue('status') as string | null) ?? null) : undefined;
    };

    for (let round = 0; round < 3; round++) {
      const from = start + round * 7_200_000;
      const intent = await world.requested(environment, {
        start: new Date(from).toISOString(),
        end: new Date(from + 3_600_000).toISOString(),
      });
      expect({ round, filed: (await calendarThroughB()).get(intent.id)?.status }).toEqual({
        round,
        filed: 'REQUESTED',
      });
      expect({ round, feed: await feedStatusThroughB(intent.id) }).toEqual({ round, feed: 'CONFIRMED' });

      const amended = await suite.api.request('PATCH', `/intents/${intent.id}`, {
        as,
        body: { version: intent.version, plannedEnd: new Date(from + 5_400_000).toISOString() },
      });
      expectStatus(amended, 200, 'PATCH /intents/{id} through A');
      expect({ round, end: Date.parse((await calendarThroughB()).get(intent.id)?.end ?? '') }).toEqual({
        round,
        end: from + 5_400_000,
      });
      const cancelled = await world.lifecycle.advance(amended.body as IntentView, 'cancel');
      expect({ round, status: (await calendarThroughB()).get(cancelled.id)?.status }).toEqual({
        round,
        status: 'CANCELLED',
      });
      expect({ round, feed: await feedStatusThroughB(cancelled.id) }).toEqual({ round, feed: 'CANCELLED' });
    }
  }, 120_000);
});
