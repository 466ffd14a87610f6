import fc from 'fast-check';
import {
  ENVIRONMENT_TIERS,
  EnvironmentView,
  INTENT_ACTIONS,
  INTENT_STATUSES,
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

/** Requests per target; 17 targets → 2,550 requests, about 15 s. */
const RUNS = 150;
const PROPERTY_TIME_LIMIT_MS = 15_000;

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
}

const TABLES = [
  'intents.refresh_intents',
  'intents.environments',
  'intents.intent_history',
  'intents.idempotency_keys',
];

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

  /** Each table's rows, hashed in a stable order: equal digests mean not one row changed. */
  const digest = async () => {
    const result: Record<string, string> = {};
    for (const table of TABLES) {
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
      const body = response.body as { status?: unknown; title?: unknown; type?: unknown };
      if (
        body.status !== response.status ||
        typeof body.title !== 'string' ||
        typeof body.type !== 'string'
      ) {
        throw new Error(`malformed problem: ${said}`);
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
      })),
    );

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
      'PATCH /environments/{id}: malformed bodies',
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
      'list routes: random query strings',
      () => {
        const value = fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constant(''));
        const query = fc.record(
          {
            limit: fc.oneof(value, fc.integer({ min: -5, max: 200 }).map(String)),
            cursor: fc.oneof(value, fc.base64String({ maxLength: 40 })),
            from: fc.oneof(
              value,
              fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
            ),
            to: value,
            status: fc.oneof(value, fc.constantFrom(...INTENT_STATUSES)),
            environmentId: fc.oneof(value, fc.uuid()),
            tier: fc.oneof(value, fc.constantFrom(...ENVIRONMENT_TIERS)),
            [`x${Math.random().toString(36).slice(2, 6)}`]: value,
          },
          { requiredKeys: [] },
        );
        return fc
          .tuple(
            fc.constantFrom('/intents', '/environments', `/environments/${environment.id}/refresh-history`),
            query,
            fc.constantFrom(...everyone),
          )
          .map(([path, params, as]): FuzzRequest => {
            const search = new URLSearchParams(params as Record<string, string>).toString();
            return { method: 'GET', path: `${path}?${search}`, as, flaw: search, mustFail: false };
          });
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
      'every route: random path segments',
      () => {
        const segment = fc.oneof(fc.string({ maxLength: 40 }), fc.uuid()).map(encodeURIComponent);
        return fc
          .tuple(segment, fc.constantFrom(...everyone), fc.nat({ max: 5 }))
          .map(([id, as, shape]): FuzzRequest => {
            const reads = [
              `/intents/${id}`,
              `/intents/${id}/history`,
              `/intents/${id}/history/verify`,
              `/environments/${id}`,
            ];
            if (shape < reads.length)
              return { method: 'GET', path: reads[shape], as, flaw: `id ${id}`, mustFail: false };
            const action = shape === 4 ? 'approve' : id;
            const path =
              shape === 4 ? `/intents/${id}/${action}` : `/intents/${fixtures.requested.id}/${action}`;
            return {
              method: 'POST',
              path,
              as,
              rawBody: JSON.stringify({ version: 0, notes: 'x' }),
              flaw: path,
              mustFail: !INTENT_ACTIONS.includes(decodeURIComponent(action) as IntentAction),
            };
          });
      },
    ],
  ];

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    environment = await lifecycle.createEnvironment();
    const [draft, requested, scheduled, inProgress] = await Promise.all(
      (['DRAFT', 'REQUESTED', 'SCHEDULED', 'IN_PROGRESS'] as const).map((status) =>
        lifecycle.intentIn(status, environment),
      ),
    );
    fixtures = { draft, requested, scheduled, inProgress };
    // Bound once every event of the fixtures is out, the probe sees only what the fuzzing causes.
    await eventually(async () => {
      const { rows } = await suite.db.query(
        'SELECT count(*)::int AS pending FROM intents.outbox WHERE published_at IS NULL',
      );
      expect(rows[0].pending).toBe(0);
    });
    probe = await bindProbeQueue(suite.amqpUrl, suite.exchange, ['#']);
    before = await digest();
  });

  afterAll(async () => {
    await probe?.close();
  });

  it.each(TARGETS)('%s: only 4xx problem+json (2xx for sound reads), never 5xx', async (_target, target) => {
    await fc.assert(fc.asyncProperty(target(), check), {
      numRuns: RUNS,
      interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS,
    });
  });

  it('changed not one row and published no event', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await digest()).toEqual(before);
    expect(probe.messages.map((message) => message.fields.routingKey)).toEqual([]);
  });
});
