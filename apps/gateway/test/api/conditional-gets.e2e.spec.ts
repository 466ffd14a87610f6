import { EnvironmentView, IntentView } from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ApiResponse, RequestOptions, describe as describeResponse } from './support/api-client';
import { useApiSuite } from './support/api-suite';
import { Lifecycle } from './support/lifecycle';
import { persona } from './support/personas';

const STRONG_ETAG = /^"[A-Za-z0-9_-]{43}"$/;

/**
 * SPEC.md: the GETs the web page polls answer ETag and 304. Each route is read twice, the second
 * time with the first answer's ETag; writes and other viewers must still see their own bodies.
 */
describe('conditional GETs: ETag and 304 on the reads pages poll', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let environment: EnvironmentView;
  /** Approved, then SCHEDULED by the scheduling service: its reads stand still. */
  let scheduled: IntentView;
  const outsider = persona('olga-outsider', ['viewer'], ['elsewhere']);

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    environment = await lifecycle.createEnvironment();
    const approved = await lifecycle.advance(
      await lifecycle.fileIntent(environment, { submit: true }),
      'approve',
    );
    scheduled = await lifecycle.waitForStatus(approved, 'SCHEDULED');
    await eventually(async () => {
      const schedule = await suite.api.get(`/schedules/${scheduled.id}`, { as: lifecycle.cast.requester });
      expect(schedule.status).toBe(200);
    });
  });

  const get = (path: string, options: RequestOptions & { ifNoneMatch?: string } = {}) =>
    suite.api.get(path, {
      ...options,
      headers: {
        ...(options.headers ?? {}),
        ...(options.ifNoneMatch ? { 'if-none-match': options.ifNoneMatch } : {}),
      },
    });

  /** A 200 with a strong ETag, revalidation headers and a body; then 304 with no body for that ETag. */
  async function expectRevalidates(path: string, options: RequestOptions): Promise<ApiResponse> {
    // Projections the gateway reads may still be taking in the suite's last events: the answer
    // is judged once two reads in a row agree.
    return eventually(async () => {
      const first = await get(path, options);
      expect({ status: first.status, what: describeResponse(first) }).toMatchObject({ status: 200 });
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(STRONG_ETAG);
      expect(first.headers.get('cache-control')).toBe('private, no-cache');
      expect(first.headers.get('vary')).toMatch(/\bAuthorization\b/i);
      expect(first.text.length).toBeGreaterThan(0);
      const again = await get(path, { ...options, ifNoneMatch: etag });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('content-length')).toBeNull();
      return first;
    });
  }

  const routes = (): [string, string, RequestOptions][] => {
    const { requester, admin } = lifecycle.cast;
    const calendarRange = { from: scheduled.plannedStart, to: scheduled.plannedEnd };
    return [
      ['GET /intents/{id}', `/intents/${scheduled.id}`, { as: requester }],
      ['GET /intents', '/intents', { as: requester }],
      ['GET /intents/{id}/conflicts', `/intents/${scheduled.id}/conflicts`, { as: requester }],
      ['GET /intents/{id}/history', `/intents/${scheduled.id}/history`, { as: requester }],
      ['GET /intents/{id}/history/verify', `/intents/${scheduled.id}/history/verify`, { as: requester }],
      ['GET /schedules/{intentId}', `/schedules/${scheduled.id}`, { as: requester }],
      ['GET /calendar', '/calendar', { as: requester, query: calendarRange }],
      [
        'GET /freeze',
        '/freeze',
        { as: requester, query: { environmentId: environment.id, at: scheduled.plannedStart } },
      ],
      ['GET /deliveries', '/deliveries', { as: admin, query: { intentId: scheduled.id } }],
      ['GET /subscriptions', '/subscriptions', { as: admin }],
      ['GET /bookings', '/bookings', { as: admin }],
      ['GET /windows', '/windows', { as: admin }],
      ['GET /environments', '/environments', { as: requester }],
    ];
  };

  it.each([
    'GET /intents/{id}',
    'GET /intents',
    'GET /intents/{id}/conflicts',
    'GET /intents/{id}/history',
    'GET /intents/{id}/history/verify',
    'GET /schedules/{intentId}',
    'GET /calendar',
    'GET /freeze',
    'GET /deliveries',
    'GET /subscriptions',
    'GET /bookings',
    'GET /windows',
    'GET /environments',
  ])('%s answers an ETag, and 304 without a body to If-None-Match naming it', async (name) => {
    const [, path, options] = routes().find(([route]) => route === name)!;
    await expectRevalidates(path, options);
  });

  it('documents the ETag, If-None-Match and the 304 on each of them in the served OpenAPI', async () => {
    const document = await fetch(`${suite.api.baseUrl}/api/docs-json`).then(
      (response) =>
        response.json() as Promise<{
          paths: Record<
            string,
            Record<
              string,
              {
                parameters?: { name: string; in: string }[];
                responses: Record<string, { headers?: Record<string, unknown> }>;
              }
            >
          >;
        }>,
    );
    for (const [name] of routes()) {
      const route = name.replace(/^GET /, '/api/v1');
      const operation = document.paths[route]?.get;
      expect({ route, documented: operation !== undefined }).toEqual({ route, documented: true });
      expect({ route, etag: Object.keys(operation.responses['200'].headers ?? {}) }).toEqual({
        route,
        etag: expect.arrayContaining(['ETag', 'Cache-Control', 'Vary']),
      });
      expect({ route, has304: '304' in operation.responses }).toEqual({ route, has304: true });
      expect({
        route,
        header: operation.parameters?.some(
          (parameter) => parameter.in === 'header' && parameter.name === 'If-None-Match',
        ),
      }).toEqual({ route, header: true });
    }
  });

  it('answers 200 with a new ETag for the old If-None-Match once a write changed the intent', async () => {
    const { requester, approver } = lifecycle.cast;
    const requested = await lifecycle.fileIntent(environment, { submit: true });
    const before = await expectRevalidates(`/intents/${requested.id}`, { as: requester });
    const history = await expectRevalidates(`/intents/${requested.id}/history`, { as: requester });
    const approved = await lifecycle.advance(requested, 'approve', { as: approver });

    // Read your writes: the first read after the 2xx already sees the change, whatever tag it sends.
    const after = await get(`/intents/${requested.id}`, {
      as: requester,
      ifNoneMatch: before.headers.get('etag')!,
    });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ id: requested.id });
    expect((after.body as IntentView).version).toBeGreaterThanOrEqual(approved.version);
    expect(after.headers.get('etag')).toMatch(STRONG_ETAG);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));

    const historyAfter = await get(`/intents/${requested.id}/history`, {
      as: requester,
      ifNoneMatch: history.headers.get('etag')!,
    });
    expect(historyAfter.status).toBe(200);
    expect(historyAfter.headers.get('etag')).not.toBe(history.headers.get('etag'));
  });

  it('gives another viewer their own body and ETag, and no 304 for a tag of what someone else saw', async () => {
    const { requester } = lifecycle.cast;
    const mine = await expectRevalidates('/intents', { as: requester });
    const theirs = await get('/intents', { as: outsider });
    expect(theirs.status).toBe(200);
    expect((theirs.body as { items: IntentView[] }).items.map((intent) => intent.id)).not.toContain(
      scheduled.id,
    );
    expect(theirs.headers.get('etag')).not.toBe(mine.headers.get('etag'));
    const refused = await get('/intents', { as: outsider, ifNoneMatch: mine.headers.get('etag')! });
    expect(refused.status).toBe(200);
    expect(refused.text.length).toBeGreaterThan(0);

    // Where visibility hides the intent itself, the tag of the requester's copy opens nothing.
    const hidden = await get(`/intents/${scheduled.id}`, {
      as: outsider,
      ifNoneMatch: (await get(`/intents/${scheduled.id}`, { as: requester })).headers.get('etag')!,
    });
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('etag')).toBeNull();
  });

  it('reads If-None-Match as RFC 9110 does: weak forms, lists and *', async () => {
    const { requester } = lifecycle.cast;
    const path = `/intents/${scheduled.id}`;
    const answer = await expectRevalidates(path, { as: requester });
    const etag = answer.headers.get('etag')!;
    const statusFor = async (ifNoneMatch: string) => (await get(path, { as: requester, ifNoneMatch })).status;
    expect(await statusFor(`W/${etag}`)).toBe(304);
    expect(await statusFor(`"something-else", ${etag}`)).toBe(304);
    expect(await statusFor(`"a", W/"b",W/${etag}`)).toBe(304);
    expect(await statusFor('*')).toBe(304);
    expect(await statusFor('"something-else", W/"another"')).toBe(200);
    expect(await statusFor(etag.slice(1, -1))).toBe(200);
  });

  it('keeps ETags off writes and problem answers', async () => {
    const { requester } = lifecycle.cast;
    const created = await suite.api.post('/intents', {
      as: requester,
      body: { environmentId: environment.id, refreshType: 'MASKED_COPY', reason: 'no window' },
    });
    expect(created.status).toBe(400);
    expect(created.headers.get('etag')).toBeNull();
    const badQuery = await get('/calendar', {
      as: requester,
      query: { from: 'yesterday' },
      ifNoneMatch: '*',
    });
    expect(badQuery.status).toBe(400);
    expect(badQuery.headers.get('etag')).toBeNull();
  });

  it('answers an unmarked GET without an ETag', async () => {
    const tokens = await get('/me/tokens', { as: lifecycle.cast.requester });
    expect(tokens.status).toBe(200);
    expect(tokens.headers.get('etag')).toBeNull();
  });
});
