import fc from 'fast-check';
import {
  ENVIRONMENT_TIERS,
  EnvironmentView,
  INTENT_ACTIONS,
  IntentAction,
  IntentView,
  REFRESH_TYPES,
} from '@envrefresh/contracts';
import { ProbeQueue, bindProbeQueue, eventually } from '@envrefresh/testing';
import { ApiResponse } from './support/api-client';
import { useApiSuite } from './support/api-suite';
import { Lifecycle } from './support/lifecycle';
import {
  BodyShape,
  garbageAuthorization,
  garbageIdempotencyKey,
  garbageIfMatch,
  malformedBody,
} from './support/malformed-requests';
import { Persona, persona } from './support/personas';
import { nextWindow } from './support/windows';
import { bodyShapeOf, queryArbitrary, queryParameters } from '../security/support/openapi-fuzz';
import {
  OpenApiDocument,
  OpenApiRoute,
  bodySchemaOf,
  fetchOpenApi,
  openApiRoutes,
} from '../security/support/openapi-routes';
import { allowedRoles } from '../security/support/route-access-table';
import { concretePath } from '../security/support/route-requests';

/** Requests per target: 30 body targets, 19 query routes and the rest, about 4,400 requests. */
const RUNS = 120;
const PROPERTY_TIME_LIMIT_MS = 10_000;
/** The schemas of the services; every table in them is compared before and after. */
const SCHEMAS = ['intents', 'conflicts', 'scheduling', 'notifications'];

interface FuzzRequest {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  as?: Persona;
  headers?: Record<string, string>;
  rawBody?: string | Uint8Array;
  /** What was wrong with it, to read in a counterexample. */
  flaw: string;
  /** false for reads, where a 2xx is a legitimate answer to a well-formed query. */
  mustFail: boolean;
  /** The member or parameter the flaw is in: a 400 must name it. */
  field?: string;
  /** The names a 400 may name: the route's parameters and whatever the query sent. */
  queryNames?: string[];
}

describe('fuzzing every route with malformed bodies, queries and headers', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let environment: EnvironmentView;
  let fixtures: Record<'draft' | 'requested' | 'scheduled' | 'inProgress', IntentView>;
  let probe: ProbeQueue;
  let before: Record<string, string>;
  const everyone = (['viewer', 'requester', 'approver', 'operator', 'admin'] as const).map((role) =>
    persona(`fuzz-${role}`, [role], ['qa-team']),
  );

  let document: OpenApiDocument;
  let routes: OpenApiRoute[];
  const routeNamed = (route: string) => {
    const found = routes.find((candidate) => candidate.route === route);
    if (!found) throw new Error(`${route} is not in the OpenAPI document`);
    return found;
  };

  /** Each table's rows, hashed in a stable order: equal digests mean not one row changed. */
  const digest = async () => {
    const result: Record<string, string> = {};
    const { rows: tables } = await suite.db.query<{ name: string }>(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1`,
      [SCHEMAS],
    );
    for (const { name: table } of tables) {
      const { rows } = await suite.db.query(
        `SELECT count(*)::int AS count, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`,
      );
      result[table] = `${rows[0].count} rows, ${rows[0].digest}`;
    }
    return result;
  };

  const send = (request: FuzzRequest): Promise<ApiResponse> =>
    suite.api.request(request.method, request.path, {
      as: request.as,
      headers: {
        ...(request.rawBody !== undefined && !request.headers?.['content-type']
          ? { 'content-type': 'application/json' }
          : {}),
        ...(request.headers ?? {}),
      },
      rawBody: request.rawBody,
    });

  /** Throws (so fast-check shrinks and reports it) when the answer breaks the contract. */
  const check = async (request: FuzzRequest): Promise<void> => {
    const response = await send(request);
    const said = `${request.method} ${request.path} (${request.flaw}) answered ${response.status} ${response.contentType} ${response.text.slice(0, 300)}`;
    if (response.status >= 500) throw new Error(`5xx: ${said}`);
    if (request.mustFail && (response.status < 400 || response.status >= 500))
      throw new Error(`not refused: ${said}`);
    if (response.status >= 400) {
      if (!/^application\/problem\+json/.test(response.contentType))
        throw new Error(`not problem+json: ${said}`);
      const body = response.body as {
        status?: unknown;
        title?: unknown;
        type?: unknown;
        errors?: { field?: unknown }[];
      };
      if (
        body.status !== response.status ||
        typeof body.title !== 'string' ||
        typeof body.type !== 'string'
      ) {
        throw new Error(`malformed problem: ${said}`);
      }
      if (response.status === 400) {
        const named = (body.errors ?? []).map((error) => String(error.field));
        const names = (field: string) => named.some((name) => name === field || name.startsWith(`${field}.`));
        if (request.field !== undefined && !names(request.field))
          throw new Error(`400 not naming ${JSON.stringify(request.field)}: ${said}`);
        if (
          request.queryNames &&
          (named.length === 0 || !named.every((name) => request.queryNames!.includes(name)))
        )
          throw new Error(`400 naming no parameter of the query: ${said}`);
      }
    }
  };

  const rightOrAnyRole = (right: Persona[]) =>
    fc.oneof(
      { arbitrary: fc.constantFrom(...right), weight: 3 },
      { arbitrary: fc.constantFrom(...everyone), weight: 1 },
    );
  const byRole = (...roles: string[]) =>
    everyone.filter((someone) => roles.some((role) => someone.roles.includes(role)));

  const environmentShape = (): BodyShape => ({
    valid: { key: 'fuzz-never-created', name: 'Fuzz', tier: 'QA', ownerGroup: 'qa-team' },
    fields: {
      key: { type: 'pattern' },
      name: { type: 'string' },
      tier: { type: 'enum', values: ENVIRONMENT_TIERS },
      ownerGroup: { type: 'pattern' },
      dependsOn: { type: 'string-array' },
      requiresApproval: { type: 'boolean' },
      timezone: { type: 'string' },
      maintenanceWindows: { type: 'string-array' },
      reminderLeadTimes: { type: 'string-array' },
      overrunGrace: { type: 'string' },
    },
    required: ['key', 'name', 'tier', 'ownerGroup'],
  });

  const intentShape = (): BodyShape => ({
    valid: {
      environmentId: environment.id,
      refreshType: 'FULL_COPY',
      ...nextWindow(),
      reason: 'fuzz',
      submit: true,
    },
    fields: {
      environmentId: { type: 'uuid' },
      refreshType: { type: 'enum', values: REFRESH_TYPES },
      plannedStart: { type: 'instant' },
      plannedEnd: { type: 'instant' },
      reason: { type: 'string' },
      source: { type: 'object' },
      notificationGroups: { type: 'string-array' },
      externalRef: { type: 'string' },
      submit: { type: 'boolean' },
    },
    required: ['environmentId', 'refreshType', 'plannedStart', 'plannedEnd', 'reason'],
  });

  const actionShape = (action: IntentAction, intent: IntentView): BodyShape => {
    const noted = action === 'reject' || action === 'fail';
    const facts: BodyShape['fields'] =
      action === 'complete'
        ? {
            durationSeconds: { type: 'integer' },
            rowsAffected: { type: 'integer' },
            dataVolumeGb: { type: 'number' },
            logUrl: { type: 'https-url' },
          }
        : {};
    return {
      valid: { version: intent.version, ...(noted ? { notes: 'fuzz' } : {}) },
      fields: { version: { type: 'integer' }, notes: { type: 'string' }, ...facts },
      required: noted ? ['version', 'notes'] : ['version'],
    };
  };

  /** The intent on which each action is allowed, and who may take it: only the body can be wrong. */
  const actionTarget = (action: IntentAction): { intent: IntentView; right: Persona[] } => {
    const owner = lifecycle.cast.requester;
    switch (action) {
      case 'submit':
      case 'cancel':
        return { intent: fixtures.draft, right: [owner] };
      case 'approve':
      case 'reject':
        return { intent: fixtures.requested, right: byRole('approver', 'admin') };
      case 'start':
        return { intent: fixtures.scheduled, right: byRole('operator', 'admin') };
      default:
        return { intent: fixtures.inProgress, right: byRole('operator', 'admin') };
    }
  };

  const bodyTarget = (
    method: 'POST' | 'PATCH',
    path: () => string,
    shape: () => BodyShape,
    right: () => Persona[],
  ) =>
    fc.constant(null).chain(() =>
      fc.tuple(malformedBody(shape()), rightOrAnyRole(right())).map(([body, as]): FuzzRequest => ({
        method,
        path: path(),
        as,
        rawBody: body.rawBody,
        headers: { 'content-type': body.contentType },
        flaw: `${body.flaw} as ${as.roles[0]}`,
        mustFail: true,
        // A role refusal comes before the body is read: only a caller let through learns what is wrong.
        field: right().includes(as) ? body.field : undefined,
      })),
    );

  const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();
  /**
   * The routes that take a body and have no hand-made target above: a body each accepts (its
   * members and their kinds come from the OpenAPI document), and the path it is sent to.
   */
  const GENERIC_BODIES: Record<
    string,
    () => { valid: Record<string, unknown>; path?: Record<string, string> }
  > = {
    'POST /conflicts/check': () => ({ valid: { environmentId: environment.id, ...nextWindow() } }),
    'POST /conflicts/{id}/acknowledge': () => ({ valid: { notes: 'fuzz' } }),
    'POST /conflicts/{id}/override': () => ({ valid: { justification: 'fuzz: the refresh may go ahead' } }),
    'POST /bookings': () => {
      const { plannedStart, plannedEnd } = nextWindow();
      return {
        valid: {
          environmentId: environment.id,
          start: plannedStart,
          end: plannedEnd,
          group: 'qa-team',
          purpose: 'fuzz',
          priority: 'LOW',
        },
      };
    },
    'POST /windows': () => {
      const { plannedStart, plannedEnd } = nextWindow();
      return {
        valid: {
          kind: 'BLACKOUT',
          name: 'fuzz',
          scope: { environmentIds: [environment.id] },
          start: plannedStart,
          end: plannedEnd,
        },
      };
    },
    'POST /me/tokens': () => ({ valid: { name: 'fuzz', expiresAt: inAMonth() } }),
    'POST /subscriptions': () => ({
      valid: {
        channel: 'WEBHOOK',
        target: 'https://hooks.example.com/fuzz',
        filter: { groups: ['qa-team'] },
      },
    }),
    'PATCH /subscriptions/{id}': () => ({ valid: { enabled: false } }),
    'POST /deliveries/replay': () => ({
      valid: {
        subscriptionId: fixtures.draft.id,
        since: '2030-01-01T00:00:00Z',
        until: '2030-01-02T00:00:00Z',
      },
    }),
    'POST /me/calendar-feeds': () => ({ valid: { environmentId: environment.id } }),
  };

  const genericBodyTarget = (route: string) => () => {
    const openApi = routeNamed(route);
    const { valid, path } = GENERIC_BODIES[route]();
    return bodyTarget(
      openApi.method as 'POST' | 'PATCH',
      () => concretePath(openApi, path),
      () => bodyShapeOf(document, bodySchemaOf(document, openApi)!, valid),
      () => byRole(...allowedRoles(route)),
    );
  };

  /** Path values of the fixtures, so that a query reaches a route's service rather than a 404. */
  const pathValues = () => ({
    environment: environment.id,
    id: fixtures.requested.id,
    intentId: fixtures.scheduled.id,
  });

  const TARGETS: [string, () => fc.Arbitrary<FuzzRequest>][] = [
    [
      'POST /environments: malformed bodies',
      () =>
        bodyTarget(
          'POST',
          () => '/environments',
          environmentShape,
          () => byRole('admin'),
        ),
    ],
    [
      'PATCH /environments/{environment}: malformed bodies',
      () =>
        bodyTarget(
          'PATCH',
          () => `/environments/${environment.id}`,
          () => ({ ...environmentShape(), valid: { name: 'Renamed by fuzz' }, required: [] }),
          () => byRole('admin'),
        ),
    ],
    [
      'POST /intents: malformed bodies',
      () =>
        bodyTarget(
          'POST',
          () => '/intents',
          intentShape,
          () => byRole('requester', 'approver', 'admin'),
        ),
    ],
    [
      'PATCH /intents/{id}: malformed bodies',
      () =>
        bodyTarget(
          'PATCH',
          () => `/intents/${fixtures.draft.id}`,
          () => ({
            valid: { version: fixtures.draft.version, reason: 'Amended by fuzz' },
            fields: {
              version: { type: 'integer' },
              plannedStart: { type: 'instant' },
              plannedEnd: { type: 'instant' },
              reason: { type: 'string' },
              notificationGroups: { type: 'string-array' },
            },
            required: ['version'],
          }),
          () => [lifecycle.cast.requester],
        ),
    ],
    ...INTENT_ACTIONS.map((action): [string, () => fc.Arbitrary<FuzzRequest>] => [
      `POST /intents/{id}/${action}: malformed bodies`,
      () => {
        const { intent, right } = actionTarget(action);
        return bodyTarget(
          'POST',
          () => `/intents/${intent.id}/${action}`,
          () => actionShape(action, intent),
          () => right,
        );
      },
    ]),
    ...Object.keys(GENERIC_BODIES).map((route): [string, () => fc.Arbitrary<FuzzRequest>] => [
      `${route}: malformed bodies`,
      genericBodyTarget(route),
    ]),
    [
      'every writing route: garbage Authorization, If-Match and Idempotency-Key headers',
      () => {
        const writes = [
          {
            method: 'POST' as const,
            path: '/environments',
            body: environmentShape().valid,
            as: byRole('admin')[0],
          },
          {
            method: 'POST' as const,
            path: '/intents',
            body: intentShape().valid,
            as: lifecycle.cast.requester,
          },
          {
            method: 'PATCH' as const,
            path: `/intents/${fixtures.draft.id}`,
            body: { version: fixtures.draft.version, reason: 'x' },
            as: lifecycle.cast.requester,
          },
          ...INTENT_ACTIONS.map((action) => {
            const { intent, right } = actionTarget(action);
            return {
              method: 'POST' as const,
              path: `/intents/${intent.id}/${action}`,
              body: actionShape(action, intent).valid,
              as: right[0],
            };
          }),
        ];
        const creating = writes.filter(
          (write) => write.method === 'POST' && !write.path.startsWith('/intents/'),
        );
        const versioned = writes.filter((write) => write.path.startsWith('/intents/'));
        return fc.oneof(
          fc
            .tuple(fc.constantFrom(...writes), garbageAuthorization)
            .map(([write, authorization]): FuzzRequest => ({
              method: write.method,
              path: write.path,
              headers: { authorization },
              rawBody: JSON.stringify(write.body),
              flaw: `Authorization: ${authorization.slice(0, 60)}`,
              mustFail: true,
            })),
          fc.tuple(fc.constantFrom(...creating), garbageIdempotencyKey).map(([write, key]): FuzzRequest => ({
            method: write.method,
            path: write.path,
            as: write.as,
            headers: { 'idempotency-key': key },
            rawBody: JSON.stringify(write.body),
            flaw: `Idempotency-Key: ${JSON.stringify(key.slice(0, 60))}`,
            mustFail: true,
          })),
          fc.tuple(fc.constantFrom(...versioned), garbageIfMatch).map(([write, ifMatch]): FuzzRequest => ({
            method: write.method,
            path: write.path,
            as: write.as,
            headers: { 'if-match': ifMatch },
            rawBody: JSON.stringify(write.body),
            flaw: `If-Match: ${JSON.stringify(ifMatch)}`,
            mustFail: true,
          })),
        );
      },
    ],
    [
      'list routes: a NUL or bytes that are not UTF-8 in a query string',
      () =>
        fc
          .tuple(
            fc.constantFrom(
              '/intents',
              '/environments',
              '/bookings',
              '/windows',
              '/conflicts',
              `/environments/${environment.id}/refresh-history`,
              `/environments/${environment.id}/free-slots`,
            ),
            fc.constantFrom('cursor', 'status', 'from', 'environmentId', 'duration', 'group'),
            fc.constantFrom('%00', 'a%00b', 'PT1H%00', '%ED%A0%80', '%ED%BF%BF', '%FF', '%C0%AF', 'a%E2%82'),
            fc.constantFrom(...everyone),
          )
          .map(([path, name, value, as]): FuzzRequest => {
            const search = `${name}=${value}`;
            return {
              method: 'GET',
              path: `${path}?${search}`,
              as,
              flaw: search,
              mustFail: value.includes('%00'),
            };
          }),
    ],
    [
      'every route with a path parameter: random segments',
      () => {
        const segment = fc.oneof(fc.string({ maxLength: 40 }), fc.uuid()).map(encodeURIComponent);
        const parameterised = routes.filter((route) => route.path.includes('{'));
        return fc
          .tuple(segment, fc.constantFrom(...everyone), fc.constantFrom(...parameterised, null))
          .map(([id, as, route]): FuzzRequest => {
            if (route) {
              const path = route.path.replace(/\{\w+\}/g, id);
              const read = route.method === 'GET';
              return {
                method: route.method as FuzzRequest['method'],
                path,
                as,
                rawBody: route.operation.requestBody ? '{}' : undefined,
                flaw: `${route.route} with ${id}`,
                // Nothing is found under a random segment, so nothing may be changed through it.
                mustFail: !read,
              };
            }
            const path = `/intents/${fixtures.requested.id}/${id}`;
            return {
              method: 'POST',
              path,
              as,
              rawBody: JSON.stringify({ version: 0, notes: 'x' }),
              flaw: path,
              mustFail: !INTENT_ACTIONS.includes(decodeURIComponent(id) as IntentAction),
            };
          });
      },
    ],
  ];

  beforeAll(async () => {
    document = await fetchOpenApi(suite.api.baseUrl);
    routes = openApiRoutes(document);
    lifecycle = new Lifecycle(suite);
    environment = await lifecycle.createEnvironment();
    const [draft, requested, scheduled, inProgress] = await Promise.all(
      (['DRAFT', 'REQUESTED', 'SCHEDULED', 'IN_PROGRESS'] as const).map((status) =>
        lifecycle.intentIn(status, environment),
      ),
    );
    fixtures = { draft, requested, scheduled, inProgress };
    // Bound once every event of the fixtures is out and handled, the probe sees only what the
    // fuzzing causes, and the digest stands still.
    await eventually(
      async () => {
        for (const schema of SCHEMAS) {
          const { rows } = await suite.db.query(
            `SELECT count(*)::int AS pending FROM ${schema}.outbox WHERE published_at IS NULL`,
          );
          expect({ schema, pending: rows[0].pending }).toEqual({ schema, pending: 0 });
        }
        const first = await digest();
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await digest()).toEqual(first);
      },
      { timeoutMs: 15_000 },
    );
    probe = await bindProbeQueue(suite.amqpUrl, suite.exchange, ['#']);
    before = await digest();
  }, 60_000);

  afterAll(async () => {
    await probe?.close();
  });

  it.each(TARGETS)('%s: only 4xx problem+json (2xx for sound reads), never 5xx', async (_target, target) => {
    await fc.assert(fc.asyncProperty(target(), check), {
      numRuns: RUNS,
      interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS,
    });
  });

  it('has a target for every route of the OpenAPI document that takes a body', () => {
    const targeted = TARGETS.map(([name]) => name.replace(/: malformed bodies$/, ''));
    const withBody = routes.filter((route) => route.operation.requestBody).map((route) => route.route);
    expect(withBody.filter((route) => !targeted.includes(route))).toEqual([]);
  });

  it('every query of every route the OpenAPI document lists: only 4xx problem+json naming a parameter, or 2xx', async () => {
    const queried = routes.filter((route) => route.method === 'GET' && queryParameters(route).length > 0);
    expect(queried.length).toBeGreaterThan(10);
    for (const route of queried) {
      const names = queryParameters(route).map((parameter) => parameter.name);
      const request = fc
        .tuple(queryArbitrary(document, route), fc.constantFrom(...everyone))
        .map(([query, as]): FuzzRequest => ({
          method: 'GET',
          path: `${concretePath(route, pathValues())}?${query.toString()}`,
          as,
          flaw: `${route.route} ?${query.toString()}`,
          mustFail: false,
          queryNames: [...names, ...query.keys()],
        }));
      await fc.assert(fc.asyncProperty(request, check), {
        numRuns: RUNS,
        interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS,
      });
    }
  }, 120_000);

  /**
   * The SSRF set at the one route that takes a URL the suite will call (logUrl of a completed
   * refresh is stored, never fetched): every spelling of a private, loopback, link-local or
   * metadata address, and every scheme but https, is a 400 naming `target` for each channel that
   * posts to a URL. This suite lists no OUTBOUND_ALLOWED_HOSTS. Names are judged again at connect
   * time, every address they resolve to (libs/outbound/test/outbound-attacks.spec.ts).
   */
  it.each([
    'http://hooks.example.com/plain-http',
    'https://127.0.0.1/hook',
    'https://127.1/hook',
    'https://2130706433/hook',
    'https://0x7f000001/hook',
    'https://0177.0.0.1/hook',
    'https://0.0.0.0/hook',
    'https://[::]/hook',
    'https://[::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[::ffff:a9fe:a9fe]/latest',
    'https://10.1.2.3/hook',
    'https://172.16.0.1/hook',
    'https://192.168.1.1/hook',
    'https://100.64.0.1/hook',
    'https://169.254.169.254/latest/meta-data/',
    'https://[fd00::1]/hook',
    'https://[fe80::1]/hook',
    'https://224.0.0.1/hook',
    'https://user:secret@127.0.0.1/hook',
    'https://127.0.0.1:6379/',
    'file:///etc/passwd',
    'gopher://127.0.0.1:6379/_INFO',
    'ftp://127.0.0.1/',
    'javascript:alert(1)',
  ])('POST /subscriptions refuses the target %s for every URL channel: 400 naming target', async (target) => {
    for (const channel of ['WEBHOOK', 'SLACK', 'TEAMS']) {
      await check({
        method: 'POST',
        path: '/subscriptions',
        as: byRole('admin')[0],
        rawBody: JSON.stringify({ channel, target, filter: { groups: ['qa-team'] } }),
        flaw: `${channel} to ${target}`,
        mustFail: true,
        field: 'target',
      });
    }
  });

  it('changed not one row and published no event', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await digest()).toEqual(before);
    expect(probe.messages.map((message) => message.fields.routingKey)).toEqual([]);
  });
});
