import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { IntentView, RPC_SERVICES } from '@envrefresh/contracts';
import {
  ProbeQueue,
  TestDatabase,
  bindProbeQueue,
  createTestDatabase,
  createTestNamespace,
  deleteAmqpNamespace,
  eventually,
  testAmqpUrl,
  testServiceEnv,
} from '@envrefresh/testing';
import { RunningApp, migrateSchemas, startApp, waitUntilReady } from './support/app-processes';
import { namespaceNames } from '@envrefresh/testing';
import { waitForConsumers } from './support/queue-consumers';
import { signTestToken } from './support/test-token';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CONSUMERS = ['conflicts', 'scheduling', 'notifications'] as const;

describe('walking skeleton: an intent filed at the gateway reaches every service', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  const apps: RunningApp[] = [];
  let database: TestDatabase;
  let db: Client;
  let probe: ProbeQueue;
  let gateway: RunningApp;

  const requestId = `e2e-${randomUUID()}`;
  const token = signTestToken({
    sub: 'alice',
    name: 'Alice Tester',
    roles: ['requester'],
    groups: ['qa-team'],
  });
  const body = {
    environmentId: randomUUID() as string,
    refreshType: 'MASKED_COPY',
    plannedStart: '2027-03-01T22:00:00+01:00',
    plannedEnd: '2027-03-02T02:00:00+01:00',
    reason: 'Masked production copy for release 42 regression',
    source: { snapshot: 'prod-2027-02-28-masked' },
    notificationGroups: ['qa-team', 'release-train'],
    externalRef: 'CHG0012345',
    submit: true,
  };
  let filed: IntentView | undefined;

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    fetch(`${gateway.baseUrl}/api/v1/intents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(payload),
    });

  const filedIntent = (): IntentView => {
    if (!filed) throw new Error('the intent was not filed (see the first test)');
    return filed;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
    const backendEnv = testServiceEnv({ databaseUrl: database.url, amqpUrl, namespace });
    await migrateSchemas(backendEnv);

    for (const service of RPC_SERVICES) apps.push(await startApp(service, backendEnv));
    gateway = await startApp('gateway', testServiceEnv({ amqpUrl, namespace }));
    apps.push(gateway);
    await Promise.all(apps.map((app) => waitUntilReady(app)));
    await waitForConsumers(
      amqpUrl,
      CONSUMERS.map((service) => `${namespace}.${service}.events`),
    );
    probe = await bindProbeQueue(amqpUrl, `${namespace}.events`, ['intent.requested']);
    const environment = await fetch(`${gateway.baseUrl}/api/v1/environments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${signTestToken({ sub: 'root', roles: ['admin'] })}`,
      },
      body: JSON.stringify({
        key: 'uat-payments',
        name: 'UAT payments',
        tier: 'UAT',
        ownerGroup: 'payments',
      }),
    });
    expect(environment.status).toBe(201);
    body.environmentId = ((await environment.json()) as { id: string }).id;
  }, 60_000);

  afterAll(async () => {
    await probe?.close();
    await db?.end();
    await Promise.all(apps.map((app) => app.process.stop()));
    await database?.drop();
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  }, 30_000);

  it('files a submitted intent: 201 with the intent as REQUESTED, echoing X-Request-Id', async () => {
    const response = await post(body, { authorization: `Bearer ${token}`, 'x-request-id': requestId });

    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    filed = (await response.json()) as IntentView;
    expect(filed).toMatchObject({
      id: expect.stringMatching(UUID),
      environmentId: body.environmentId,
      refreshType: 'MASKED_COPY',
      status: 'REQUESTED',
      plannedStart: '2027-03-01T21:00:00.000Z',
      plannedEnd: '2027-03-02T01:00:00.000Z',
      reason: body.reason,
      source: { snapshot: 'prod-2027-02-28-masked' },
      notificationGroups: ['qa-team', 'release-train'],
      externalRef: 'CHG0012345',
      requestedBy: { sub: 'alice', name: 'Alice Tester' },
      version: expect.any(Number),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('publishes intent.requested with the documented envelope, correlated with the request', async () => {
    const intent = filedIntent();
    await eventually(() => expect(probe.messages).toHaveLength(1));
    const [message] = probe.messages;
    const envelope = message.json<Record<string, unknown>>();

    expect(envelope).toEqual({
      id: expect.stringMatching(UUID),
      type: 'intent.requested',
      version: 1,
      occurredAt: expect.any(String),
      source: 'intents',
      correlationId: requestId,
      causationId: null,
      data: intent,
    });
    expect(new Date(envelope.occurredAt as string).toISOString()).toBe(envelope.occurredAt);
    expect(message.fields.routingKey).toBe('intent.requested');
    expect(message.properties).toMatchObject({
      messageId: envelope.id,
      deliveryMode: 2,
      contentType: 'application/json',
      headers: expect.objectContaining({ 'x-correlation-id': requestId }),
    });
  });

  it('has every consuming service record the event once in its inbox and project the intent', async () => {
    const intent = filedIntent();
    await eventually(() => expect(probe.messages).toHaveLength(1));
    const eventId = probe.messages[0].json<{ id: string }>().id;

    for (const service of CONSUMERS) {
      await eventually(async () => {
        const { rows } = await db.query(`SELECT consumer, type FROM ${service}.inbox WHERE message_id = $1`, [
          eventId,
        ]);
        expect(rows).toEqual([{ consumer: service, type: 'intent.requested' }]);
      });
    }

    const window = await db.query(
      `SELECT environment_id, status, lower(planned) AS start, upper(planned) AS "end", version
         FROM conflicts.intent_windows WHERE intent_id = $1`,
      [intent.id],
    );
    expect(window.rows).toEqual([
      {
        environment_id: intent.environmentId,
        status: 'REQUESTED',
        start: new Date(intent.plannedStart),
        end: new Date(intent.plannedEnd),
        version: intent.version,
      },
    ]);

    const planned = await db.query(
      `SELECT environment_id, status, planned_start, planned_end, version FROM scheduling.planned_refreshes WHERE intent_id = $1`,
      [intent.id],
    );
    expect(planned.rows).toEqual([
      {
        environment_id: intent.environmentId,
        status: 'REQUESTED',
        planned_start: new Date(intent.plannedStart),
        planned_end: new Date(intent.plannedEnd),
        version: intent.version,
      },
    ]);

    const audience = await db.query(
      `SELECT environment_id, status, requested_by, notification_groups, version FROM notifications.intent_audiences WHERE intent_id = $1`,
      [intent.id],
    );
    expect(audience.rows).toEqual([
      {
        environment_id: intent.environmentId,
        status: 'REQUESTED',
        requested_by: intent.requestedBy,
        notification_groups: intent.notificationGroups,
        version: intent.version,
      },
    ]);
  });

  it('rejects an invalid body with 400 problem+json naming each bad field', async () => {
    const { reason: _reason, ...withoutReason } = body;
    const response = await post(
      { ...withoutReason, refreshType: 'NIGHTLY', plannedStart: '2027-03-01T22:00:00', colour: 'blue' },
      { authorization: `Bearer ${token}` },
    );

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as {
      status: number;
      title: string;
      errors: { field: string; message: string }[];
    };
    expect(problem).toMatchObject({ status: 400, title: expect.any(String), type: expect.any(String) });
    expect(new Set(problem.errors.map((error) => error.field))).toEqual(
      new Set(['refreshType', 'plannedStart', 'reason', 'colour']),
    );
    for (const error of problem.errors) expect(error.message).toEqual(expect.any(String));
  });

  it.each([
    ['no token', {}],
    [
      'a token signed with another secret',
      { authorization: `Bearer ${signTestToken({ sub: 'mallory', roles: ['admin'] }, 'x'.repeat(48))}` },
    ],
  ])('answers %s with 401 problem+json', async (_case, headers: Record<string, string>) => {
    const response = await post(body, headers);

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      status: 401,
      title: expect.any(String),
      type: expect.any(String),
    });
  });

  it('publishes nothing for the rejected requests', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(probe.messages).toHaveLength(1);
  });

  it('stops every app on SIGTERM with exit code 0', async () => {
    const exits = await Promise.all(
      apps.map(async (app) => ({ app: app.name, ...(await app.process.stop()) })),
    );
    expect(exits).toEqual(apps.map((app) => ({ app: app.name, code: 0, signal: null })));
  });
});
