import { randomUUID } from 'node:crypto';
import { EnvironmentView, IntentView } from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ApiResponse } from '../api/support/api-client';
import { useApiSuite } from '../api/support/api-suite';
import { Lifecycle, OWNER_GROUP, expectStatus } from '../api/support/lifecycle';
import { Persona, persona } from '../api/support/personas';
import { NotificationScene, notificationsEnv } from '../notifications/support/notification-scene';
import { WebhookReceiver } from '../notifications/support/webhook-receiver';
import { queryParameters } from './support/openapi-fuzz';
import { OpenApiRoute, fetchOpenApi, openApiRoutes } from './support/openapi-routes';
import { concretePath } from './support/route-requests';

/** The reads that name intents (the routes of the OpenAPI document not listed here are swept too). */
const MUST_SHOW_THE_INSIDER = [
  'GET /intents',
  'GET /intents/{id}',
  'GET /intents/{id}/history',
  'GET /conflicts',
  'GET /schedules/{intentId}',
  'GET /calendar',
  'GET /calendar.ics',
  'GET /deliveries',
];

/**
 * Row-level visibility on every read the gateway serves: one refresh nobody outside its
 * requester, owner group and notification groups may see, and every GET route of the OpenAPI
 * document (lists, feed, schedules, deliveries, conflicts, freeze, free slots…) asked about it
 * by an outsider, who must find no trace of its id, requester or reason anywhere.
 */
describe('a hidden refresh leaves no trace on any read an outsider makes', () => {
  const suite = useApiSuite(notificationsEnv());
  let receiver: WebhookReceiver;
  let lifecycle: Lifecycle;
  let environment: EnvironmentView;
  let hidden: IntentView;
  let routes: OpenApiRoute[];
  const marker = `hush-${randomUUID()}`;
  const secretRequester = persona(
    `secret-requester-${randomUUID().slice(0, 6)}`,
    ['requester'],
    ['secret-team'],
  );
  const outsider = persona('outsider-otis', ['requester'], ['another-team']);
  const insider = persona('insider-ines', ['viewer'], [OWNER_GROUP]);
  const feedTokens = new Map<Persona, string>();
  let values: Record<string, string>;

  const giveaways = () => [hidden.id, secretRequester.sub, marker];

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    const scene = new NotificationScene(suite);
    lifecycle = scene.lifecycle;
    routes = openApiRoutes(await fetchOpenApi(suite.api.baseUrl));
    environment = await lifecycle.createEnvironment();
    const subscription = await scene.subscribe({
      channel: 'WEBHOOK',
      target: receiver.url('hidden-everywhere'),
      filter: { groups: [OWNER_GROUP] },
    });
    // Within the feeds' reach (weeks, not the years ahead nextWindow gives), so the feed shows it too.
    const start = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 20 * 86_400_000;
    const window = {
      plannedStart: new Date(start).toISOString(),
      plannedEnd: new Date(start + 7_200_000).toISOString(),
    };
    hidden = await lifecycle.fileIntent(
      environment,
      {
        ...window,
        reason: `Masked copy ${marker}`,
        externalRef: marker,
        notificationGroups: ['release-train'],
        submit: true,
      },
      secretRequester,
    );
    hidden = await lifecycle.advance(hidden, 'approve');
    hidden = await eventually(async () => {
      const read = await lifecycle.get(hidden.id, lifecycle.cast.admin);
      expect(read.body.status).toBe('SCHEDULED');
      return read.body;
    });
    // The outsider's own refresh over the same window: a conflict that must word the hidden one.
    const own = await lifecycle.fileIntent(environment, { ...window, submit: true }, outsider);
    const booking = await suite.api.post('/bookings', {
      as: lifecycle.cast.admin,
      body: {
        environmentId: environment.id,
        start: window.plannedStart,
        end: window.plannedEnd,
        group: OWNER_GROUP,
        purpose: 'Regression',
        priority: 'LOW',
      },
    });
    expectStatus(booking, 201, 'POST /bookings');
    for (const who of [outsider, insider]) {
      const feed = await suite.api.post<{ url: string }>('/me/calendar-feeds', { as: who, body: {} });
      expectStatus(feed, 201, 'POST /me/calendar-feeds');
      feedTokens.set(who, new URL(feed.body.url).searchParams.get('token')!);
    }
    await eventually(
      async () => {
        const deliveries = await suite.api.get('/deliveries', {
          as: lifecycle.cast.admin,
          query: { intentId: hidden.id },
        });
        expect(deliveries.body.items.length).toBeGreaterThan(0);
        const conflicts = await suite.api.get('/conflicts', { as: outsider, query: { intentId: own.id } });
        expect(conflicts.body.items.length).toBeGreaterThan(0);
      },
      { timeoutMs: 15_000 },
    );
    const from = new Date(Date.parse(window.plannedStart) - 86_400_000).toISOString();
    const to = new Date(Date.parse(window.plannedEnd) + 86_400_000).toISOString();
    values = {
      environment: environment.id,
      intentId: hidden.id,
      environmentId: environment.id,
      subscriptionId: subscription.id,
      from,
      to,
      at: window.plannedStart,
      duration: 'PT1H',
      limit: '100',
      bookings: booking.body.id,
    };
  }, 90_000);

  afterAll(async () => {
    await receiver?.close();
  });

  /** Every GET of the document, its path and query filled so that it is about the hidden refresh. */
  const sweep = async (as: Persona): Promise<Map<string, ApiResponse>> => {
    const answers = new Map<string, ApiResponse>();
    for (const route of routes.filter((candidate) => candidate.method === 'GET')) {
      const collection = route.path.split('/')[1];
      const path = concretePath(route, {
        ...values,
        id: collection === 'bookings' ? values.bookings : hidden.id,
      });
      const query: Record<string, string> = {};
      for (const parameter of queryParameters(route)) {
        if (parameter.name === 'token') query.token = feedTokens.get(as)!;
        else if (parameter.name === 'intentId') query.intentId = hidden.id;
        else if (parameter.name in values && parameter.name !== 'subscriptionId')
          query[parameter.name] = values[parameter.name];
      }
      answers.set(
        route.route,
        await suite.api.get(path, { as: route.route === 'GET /calendar.ics' ? undefined : as, query }),
      );
    }
    const check = await suite.api.post('/conflicts/check', {
      as,
      body: {
        environmentId: environment.id,
        plannedStart: hidden.plannedStart,
        plannedEnd: hidden.plannedEnd,
      },
    });
    answers.set('POST /conflicts/check', check);
    return answers;
  };

  it('the outsider finds it in no answer: no id, requester or reason, on any read of the document', async () => {
    const answers = await sweep(outsider);

    expect(answers.size).toBeGreaterThan(20);
    for (const [route, answer] of answers) {
      expect({ route, status: answer.status < 500 }).toEqual({ route, status: true });
      // A refusal may echo the id the caller sent itself (its detail and instance); nothing else may name it.
      const {
        detail: _detail,
        instance: _instance,
        ...rest
      } = typeof answer.body === 'object' && answer.body !== null ? answer.body : { text: answer.text };
      const said = answer.status >= 400 ? JSON.stringify(rest) : answer.text;
      for (const giveaway of giveaways())
        expect({ route, giveaway, found: said.includes(giveaway) }).toEqual({
          route,
          giveaway,
          found: false,
        });
    }
    for (const direct of [
      'GET /intents/{id}',
      'GET /intents/{id}/history',
      'GET /intents/{id}/conflicts',
      'GET /schedules/{intentId}',
    ])
      expect({ direct, status: answers.get(direct)!.status }).toEqual({ direct, status: 404 });
  });

  it('while someone of the owner group finds it on every read that names refreshes (so the sweep could fail)', async () => {
    const answers = await sweep(insider);

    for (const route of MUST_SHOW_THE_INSIDER) {
      const answer = answers.get(route);
      expect({ route, status: answer?.status, shows: answer?.text.includes(hidden.id) }).toEqual({
        route,
        status: 200,
        shows: true,
      });
    }
  });
});
