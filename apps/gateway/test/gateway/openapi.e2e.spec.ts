import { ROLES, grantsAny } from '@envrefresh/auth';
import { createTestNamespace, deleteAmqpNamespace, testAmqpUrl } from '@envrefresh/testing';
import { RunningApp } from '../support/app-processes';
import { namespaceNames } from '@envrefresh/testing';
import { startGateway } from './support/gateway-under-test';
import { routeAccessTable } from '../security/support/route-access-table';

interface Operation {
  summary?: string;
  description?: string;
  'x-required-roles'?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string }; example?: unknown }> }>;
}

/**
 * Every route of the API, the lowest role docs/security.md's access table lets through (the one
 * every other allowed role includes), and its success status: the one table, not a copy of it.
 */
const ROUTES: [method: string, path: string, role: string, success: '200' | '201'][] = routeAccessTable()
  .filter((entry) => entry.statuses)
  .map((entry) => {
    const allowed = ROLES.filter((role) => entry.statuses![role] < 300);
    const lowest = allowed.find((role) => allowed.every((other) => grantsAny([other], [role])));
    if (!lowest)
      throw new Error(`${entry.route}: the table lets through roles no single role is included in`);
    return [
      entry.method.toLowerCase(),
      `/api/v1${entry.path}`,
      lowest,
      String(entry.statuses!.admin) as '200' | '201',
    ];
  });

/** Actions on one resource named by the path alone: nothing to send, nothing to validate. */
const BODILESS = [
  '/api/v1/subscriptions/{id}/rotate-secret',
  '/api/v1/subscriptions/{id}/test',
  '/api/v1/deliveries/{id}/retry',
];

/** Routes without a bearer token: the credential is in the URL (a calendar app sends no header). */
const TOKEN_IN_URL_ROUTES = [['get', '/api/v1/calendar.ics']] as const;

/** The commands on one intent: they take its version (body or If-Match). */
const INTENT_COMMANDS = ROUTES.filter(
  ([method, path]) => method !== 'get' && path.startsWith('/api/v1/intents/{id}'),
);
/**
 * Creating POSTs take an Idempotency-Key, except an API token's and a calendar feed's: its secret is shown once and
 * never stored, so a replay could not answer with it.
 */
const CREATING = ROUTES.filter(
  ([, path, , success]) =>
    success === '201' && path !== '/api/v1/me/tokens' && path !== '/api/v1/me/calendar-feeds',
);

describe('OpenAPI at /api/docs and /api/docs-json', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  let gateway: RunningApp;
  let document: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { scheme?: string }> };
  };

  const operation = (method: string, path: string): Operation => document.paths[path][method];

  beforeAll(async () => {
    gateway = await startGateway(amqpUrl, namespace);
    const response = await fetch(`${gateway.baseUrl}/api/docs-json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as typeof document;
  }, 30_000);

  afterAll(async () => {
    await gateway?.process.stop();
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  });

  it('serves the interactive documentation', async () => {
    const response = await fetch(`${gateway.baseUrl}/api/docs`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });

  it('lists exactly the routes of the API', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(
      [...ROUTES, ...TOKEN_IN_URL_ROUTES].map(([method, path]) => `${method} ${path}`).sort(),
    );
  });

  it('documents the iCal feed as text/calendar behind its URL token, with ETag and 304', () => {
    const feed = operation('get', '/api/v1/calendar.ics');
    expect(feed.security).toEqual([{ feedToken: [] }]);
    expect(feed.responses['200'].content?.['text/calendar']).toBeDefined();
    expect(Object.keys(feed.responses)).toEqual(expect.arrayContaining(['200', '304', '404', '429']));
  });

  it.each(ROUTES)(
    '%s %s: summary, role, bearer auth, success example and problem responses',
    (method, path, role, successStatus) => {
      const op = operation(method, path);
      expect(op.summary).toEqual(expect.any(String));
      expect(op['x-required-roles']).toEqual([role]);
      expect(op.description).toContain(`\`${role}\``);
      expect(op.security).toEqual([{ bearer: [] }]);

      const success = op.responses[successStatus];
      expect(success.content?.['application/json']?.example).toBeDefined();
      expect(success.content?.['application/json']?.schema).toBeDefined();
      for (const status of ['401', '403', '429', '503', '504']) {
        const problem = op.responses[status]?.content?.['application/problem+json'];
        expect({ status, ref: problem?.schema?.$ref }).toEqual({
          status,
          ref: '#/components/schemas/Problem',
        });
        expect(problem?.example).toMatchObject({ status: Number(status) });
      }
    },
  );

  it('documents Idempotency-Key on creating POSTs and If-Match on every intent command', () => {
    const headers = (method: string, path: string) =>
      (operation(method, path).parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
    for (const [method, path] of CREATING)
      expect({ path, headers: headers(method, path) }).toEqual({
        path,
        headers: expect.arrayContaining(['Idempotency-Key']),
      });
    for (const [method, path] of INTENT_COMMANDS)
      expect({ path, headers: headers(method, path) }).toEqual({
        path,
        headers: expect.arrayContaining(['If-Match']),
      });
  });

  it('documents 428, 409 and 404 on intent commands, 400 with field errors where input is validated', () => {
    for (const [method, path] of INTENT_COMMANDS)
      expect(Object.keys(operation(method, path).responses)).toEqual(
        expect.arrayContaining(['400', '404', '409', '428']),
      );
    expect(operation('get', '/api/v1/intents').responses['400']).toBeDefined();
    const takesInput = ([method, path]: (typeof ROUTES)[number]) =>
      (method === 'post' && !BODILESS.includes(path)) ||
      method === 'patch' ||
      (method === 'get' && (!path.includes('{') || /\/(refresh-history|free-slots)$/.test(path)));
    for (const [method, path] of ROUTES.filter(takesInput))
      expect({ method, path, documents400: '400' in operation(method, path).responses }).toEqual({
        method,
        path,
        documents400: true,
      });
  });

  it('documents a request body for every POST that takes one', () => {
    for (const [method, path] of ROUTES.filter(
      ([m, p]) =>
        m === 'post' && !INTENT_COMMANDS.some(([, command]) => command === p) && !BODILESS.includes(p),
    ))
      expect({
        path,
        body: operation(method, path).requestBody?.content?.['application/json']?.schema,
      }).toEqual({
        path,
        body: { $ref: expect.stringMatching(/^#\/components\/schemas\/\w+RequestDto$/) },
      });
  });

  it('documents 415 on every route that takes a body, 422 on the slot search, both reasons for 429', () => {
    const withBody = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.requestBody)
        .map(([method, op]) => ({ route: `${method} ${path}`, op })),
    );
    expect(withBody.length).toBeGreaterThanOrEqual(15);
    for (const { route, op } of withBody)
      expect({
        route,
        ref: op.responses['415']?.content?.['application/problem+json']?.schema?.$ref,
      }).toEqual({
        route,
        ref: '#/components/schemas/Problem',
      });
    const slots = operation('get', '/api/v1/environments/{environment}/free-slots');
    expect(slots.responses['422']).toBeDefined();
    expect(slots.description).toMatch(/REQUEST\.TOO_MUCH_WORK/);
    expect(JSON.stringify(slots.responses['429'])).toMatch(/MAX_IN_FLIGHT_PER_USER/);
  });

  it('tells a user what the conflict routes mean', () => {
    const description = (method: string, path: string) => operation(method, path).description ?? '';
    expect(description('get', '/api/v1/environments/{environment}/free-slots')).toMatch(
      /no BLOCKING and no WARNING/,
    );
    expect(description('get', '/api/v1/freeze')).toMatch(/pipelines|Ask before deploying/);
    expect(operation('get', '/api/v1/freeze').summary).toMatch(/pipelines/);
    expect(description('post', '/api/v1/conflicts/{id}/override')).toMatch(
      /justification.*intent's history/s,
    );
    expect(description('post', '/api/v1/conflicts/{id}/override')).toMatch(/BLOCKING/);
    expect(description('post', '/api/v1/conflicts/{id}/acknowledge')).toMatch(/WARNING/);
    expect(description('post', '/api/v1/conflicts/check')).toMatch(/creates nothing/);
  });

  it('resolves every schema reference in the document', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      ([, name]) => name,
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const name of new Set(refs))
      expect({ name, defined: name in document.components.schemas }).toEqual({
        name,
        defined: true,
      });
  });

  it('describes the bearer scheme, the problem schema and the response views', () => {
    expect(document.components.securitySchemes.bearer).toMatchObject({ scheme: 'bearer' });
    for (const schema of [
      'Problem',
      'IntentView',
      'IntentPage',
      'EnvironmentView',
      'HistoryEntry',
      'HistoryVerification',
      'ConflictView',
      'ConflictPage',
      'ConflictFinding',
      'ConflictCheckView',
      'FreeSlotsView',
      'FreezeView',
      'BookingView',
      'BookingPage',
      'WindowView',
      'WindowPage',
    ])
      expect(document.components.schemas[schema]).toBeDefined();
    expect(ROLES).toEqual(expect.arrayContaining(ROUTES.map(([, , role]) => role)));
  });
});
