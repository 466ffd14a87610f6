import { randomUUID } from 'node:crypto';
import { environmentUpsertedEvent, intentApprovedEvent } from '@envrefresh/contracts';
import { createTestNamespace, deleteAmqpNamespace, testAmqpUrl } from '@envrefresh/testing';
import { RunningApp } from '../support/app-processes';
import { namespaceNames } from '@envrefresh/testing';
import { signTestToken } from '../support/test-token';
import { FakeRpcService, ReceivedCall } from './support/fake-rpc-service';
import { problemOf, startGateway } from './support/gateway-under-test';

const INTENT = intentApprovedEvent.example;
const ENVIRONMENT = environmentUpsertedEvent.example;
const tokenFor = (role: string) => signTestToken({ sub: `${role}-1`, roles: [role] });

const createIntentBody = {
  environmentId: ENVIRONMENT.id,
  refreshType: 'FULL_COPY',
  plannedStart: '2027-03-01T22:00:00+01:00',
  plannedEnd: '2027-03-02T02:00:00+01:00',
  reason: 'regression cycle',
};

describe('gateway routes: what each one sends to the intents service, and what it refuses itself', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  let intents: FakeRpcService;
  let conflicts: FakeRpcService;
  let calendar: FakeRpcService;
  let gateway: RunningApp;

  const call = async (
    method: string,
    path: string,
    role: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${gateway.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokenFor(role)}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  const lastCall = (): ReceivedCall => {
    const calls = intents.calls.filter((received) => !received.pattern.endsWith('.ping'));
    if (calls.length === 0) throw new Error('the intents service was not called');
    return calls[calls.length - 1];
  };

  beforeAll(async () => {
    intents = await FakeRpcService.start(amqpUrl, namespace, 'intents');
    conflicts = await FakeRpcService.start(amqpUrl, namespace, 'conflicts');
    intents.answerWith(({ pattern }) => ({
      response: pattern.startsWith('intents.environments.') ? ENVIRONMENT : INTENT,
    }));
    conflicts.answerWith(() => ({ response: { blocking: [] } }));
    // Scheduling's calendar catches up after every write before the gateway answers (ADR 0014).
    calendar = await FakeRpcService.start(amqpUrl, namespace, 'scheduling');
    calendar.answerWith(() => ({ response: { caughtUp: true } }));
    gateway = await startGateway(amqpUrl, namespace);
  }, 30_000);

  afterAll(async () => {
    await gateway?.process.stop();
    await Promise.all([intents?.stop(), conflicts?.stop(), calendar?.stop()]);
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  });

  it('creates an intent: 201, Location, and the Idempotency-Key passed along', async () => {
    const response = await call('POST', '/intents', 'requester', {
      body: createIntentBody,
      headers: { 'idempotency-key': 'key-123' },
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/intents/${INTENT.id}`);
    expect(lastCall()).toMatchObject({
      pattern: 'intents.create',
      data: { idempotencyKey: 'key-123', payload: createIntentBody, actor: { sub: 'requester-1' } },
    });
  });

  it('creates an environment: admin only, 201 and Location', async () => {
    const body = { key: 'uat-payments', name: 'Payments UAT', tier: 'UAT', ownerGroup: 'payments' };
    expect((await call('POST', '/environments', 'approver', { body })).status).toBe(403);

    const response = await call('POST', '/environments', 'admin', {
      body,
      headers: { 'idempotency-key': 'env-1' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/v1/environments/${ENVIRONMENT.id}`);
    expect(lastCall()).toMatchObject({
      pattern: 'intents.environments.create',
      data: { payload: body, idempotencyKey: 'env-1' },
    });
  });

  it('passes list filters typed (limit as a number) and refers to environments by id or key', async () => {
    expect(
      (await call('GET', `/intents?status=REQUESTED&limit=5&cursor=abc&from=2027-01-01T00:00:00Z`, 'viewer'))
        .status,
    ).toBe(200);
    expect(lastCall()).toMatchObject({
      pattern: 'intents.list',
      data: { payload: { status: 'REQUESTED', limit: 5, cursor: 'abc', from: '2027-01-01T00:00:00Z' } },
    });

    expect((await call('GET', '/environments/uat-payments/refresh-history?limit=2', 'viewer')).status).toBe(
      200,
    );
    expect(lastCall()).toMatchObject({
      pattern: 'intents.environments.refresh-history',
      data: { payload: { environment: 'uat-payments', limit: 2 } },
    });

    expect(
      (await call('PATCH', '/environments/uat-payments', 'admin', { body: { requiresApproval: false } }))
        .status,
    ).toBe(200);
    expect(lastCall().data.payload).toEqual({
      environment: 'uat-payments',
      patch: { requiresApproval: false },
    });
  });

  it('amends with the version from If-Match', async () => {
    const response = await call('PATCH', `/intents/${INTENT.id}`, 'requester', {
      body: { reason: 'moved' },
      headers: { 'if-match': '"4"' },
    });
    expect(response.status).toBe(200);
    expect(lastCall()).toMatchObject({
      pattern: 'intents.amend',
      data: { payload: { intentId: INTENT.id, version: 4, reason: 'moved' } },
    });
  });

  it('completes with the execution facts', async () => {
    const facts = {
      durationSeconds: 600,
      rowsAffected: 10,
      dataVolumeGb: 1.5,
      logUrl: 'https://ci.example.com/log/1',
    };
    expect(
      (await call('POST', `/intents/${INTENT.id}/complete`, 'operator', { body: { version: 7, ...facts } }))
        .status,
    ).toBe(200);
    expect(lastCall().data.payload).toEqual({ intentId: INTENT.id, action: 'complete', version: 7, facts });
  });

  it.each([
    ['submit', 'requester', 'operator'],
    ['cancel', 'requester', 'viewer'],
    ['approve', 'approver', 'requester'],
    ['reject', 'approver', 'operator'],
    ['start', 'operator', 'approver'],
    ['complete', 'operator', 'requester'],
    ['fail', 'operator', 'approver'],
    ['rollback', 'operator', 'requester'],
  ])('%s: allowed to %s and admin, 403 for %s', async (action, allowed, refused) => {
    const body = { version: 1, notes: 'because' };
    for (const role of [allowed, 'admin']) {
      const response = await call('POST', `/intents/${INTENT.id}/${action}`, role, { body });
      expect({ role, status: response.status }).toEqual({ role, status: 200 });
      expect(lastCall().data.payload).toMatchObject({ intentId: INTENT.id, action, version: 1 });
    }
    const before = intents.calls.length;
    expect((await call('POST', `/intents/${INTENT.id}/${action}`, refused, { body })).status).toBe(403);
    expect(intents.calls).toHaveLength(before);
  });

  it.each<
    [string, string, string, { body?: unknown; headers?: Record<string, string> }, number, string | null]
  >([
    ['no version anywhere', 'POST', `/intents/${randomUUID()}/submit`, {}, 428, 'version'],
    [
      'a body version that contradicts If-Match',
      'POST',
      `/intents/${randomUUID()}/cancel`,
      { body: { version: 1 }, headers: { 'if-match': '2' } },
      400,
      'version',
    ],
    [
      'a malformed If-Match',
      'POST',
      `/intents/${randomUUID()}/cancel`,
      { headers: { 'if-match': 'W/"1"' } },
      400,
      'If-Match',
    ],
    [
      'reject without notes',
      'POST',
      `/intents/${randomUUID()}/reject`,
      { body: { version: 1 } },
      400,
      'notes',
    ],
    [
      'complete with an http log URL',
      'POST',
      `/intents/${randomUUID()}/complete`,
      { body: { version: 1, logUrl: 'http://x.example.com/log' } },
      400,
      'logUrl',
    ],
    [
      'an unknown field',
      'POST',
      `/intents/${randomUUID()}/submit`,
      { body: { version: 1, force: true } },
      400,
      'force',
    ],
    [
      'a null where a string belongs',
      'PATCH',
      `/intents/${randomUUID()}`,
      { body: { version: 1, reason: null } },
      400,
      'reason',
    ],
    [
      'a malformed Idempotency-Key',
      'POST',
      '/intents',
      { body: createIntentBody, headers: { 'idempotency-key': 'has spaces' } },
      400,
      'Idempotency-Key',
    ],
    ['limit 0', 'GET', '/intents?limit=0', {}, 400, 'limit'],
    ['limit 101', 'GET', '/intents?limit=101', {}, 400, 'limit'],
    ['limit 1.5', 'GET', '/intents?limit=1.5', {}, 400, 'limit'],
    ['a from without offset', 'GET', '/intents?from=2027-01-01T00:00:00', {}, 400, 'from'],
    ['an unknown status', 'GET', '/intents?status=DONE', {}, 400, 'status'],
    ['a cursor over 512 characters', 'GET', `/intents?cursor=${'c'.repeat(513)}`, {}, 400, 'cursor'],
    ['an unknown query parameter', 'GET', '/intents?owner=me', {}, 400, 'owner'],
    ['an unknown tier', 'GET', '/environments?tier=PROD', {}, 400, 'tier'],
    [
      'a recurring maintenance window with a start',
      'POST',
      '/environments',
      {
        body: {
          key: 'k1',
          name: 'n',
          tier: 'QA',
          ownerGroup: 'qa',
          maintenanceWindows: [
            {
              rrule: 'FREQ=DAILY',
              duration: 'PT1H',
              timezone: 'Europe/Paris',
              startsAt: '2027-01-01T22:00:00Z',
              start: '2027-01-01T22:00:00Z',
            },
          ],
        },
      },
      400,
      'maintenanceWindows.0.start',
    ],
    [
      'a "constructor" member',
      'POST',
      '/environments',
      { body: { constructor: { name: 'x' }, key: 'k2', name: 'n', tier: 'QA', ownerGroup: 'qa' } },
      400,
      'constructor',
    ],
    [
      'a nested "prototype" member',
      'POST',
      '/intents',
      { body: { ...createIntentBody, source: { prototype: {} } } },
      400,
      'source.prototype',
    ],
    ['a "__proto__" query parameter', 'GET', '/intents?__proto__=x', {}, 400, '__proto__'],
    ['an intent id that is not a UUID', 'GET', '/intents/42', {}, 404, null],
    ['an unknown action', 'POST', `/intents/${randomUUID()}/explode`, { body: { version: 1 } }, 404, null],
  ])('refuses %s itself, before any call', async (_case, method, path, options, status, field) => {
    const before = intents.calls.length;
    const response = await call(method, path, 'admin', options);

    expect(response.status).toBe(status);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ status });
    if (field) expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(intents.calls).toHaveLength(before);
  });
});
