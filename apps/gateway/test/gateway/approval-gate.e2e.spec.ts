import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { intentApprovedEvent } from '@envrefresh/contracts';
import {
  TestDatabase,
  createTestDatabase,
  createTestNamespace,
  deleteAmqpNamespace,
  testAmqpUrl,
  testServiceEnv,
} from '@envrefresh/testing';
import { RunningApp, startApp, waitUntilReady } from '../support/app-processes';
import { namespaceNames } from '@envrefresh/testing';
import { runNodeToExit } from '../support/node-process';
import { signTestToken } from '../support/test-token';
import { FakeRpcService } from './support/fake-rpc-service';
import { problemOf, startGateway } from './support/gateway-under-test';

const approver = signTestToken({ sub: 'bob', roles: ['approver'] });
const operator = signTestToken({ sub: 'olga', roles: ['operator'] });

describe('approval gate (ADR 0009): approve and start ask the conflicts service first, and fail closed', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  let database: TestDatabase;
  let db: Client;
  let intents: FakeRpcService;
  let conflicts: RunningApp;
  let gateway: RunningApp;

  const blocked = randomUUID();
  const otherIntent = randomUUID();
  const clear = randomUUID();
  const environmentId = randomUUID();
  const conflictIds = { first: randomUUID(), second: randomUUID() };

  const act = (
    action: 'approve' | 'start',
    intentId: string,
    token: string,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${gateway.baseUrl}/api/v1/intents/${intentId}/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ version: 3, notes: 'checked' }),
    });

  const insertConflict = (
    intentId: string,
    row: { id?: string; severity: string; status: string; start: string },
  ) =>
    db.query(
      `INSERT INTO conflicts.conflicts (id, intent_id, environment_id, type, severity, rule, explanation, related_ref,
         "window", status, justification)
       VALUES ($1, $2, $3, 'BOOKING_OVERLAP', $4, 'BOOKING_OVERLAP', 'Group qa booked the environment',
         $5, tstzrange($6::timestamptz, $6::timestamptz + interval '1 hour', '[)'), $7, $8)`,
      [
        row.id ?? randomUUID(),
        intentId,
        environmentId,
        row.severity,
        { kind: 'BOOKING', id: randomUUID() },
        row.start,
        row.status,
        row.status === 'OVERRIDDEN' ? 'agreed with the booking owner' : null,
      ],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    const backendEnv = testServiceEnv({ databaseUrl: database.url, amqpUrl, namespace });
    const migrated = await runNodeToExit('dist/apps/conflicts/src/migrate.js', backendEnv, 30_000);
    if (migrated.code !== 0) throw new Error(`migrating conflicts failed: ${migrated.stderr}`);
    db = new Client({ connectionString: database.url });
    await db.connect();
    await insertConflict(blocked, {
      id: conflictIds.second,
      severity: 'BLOCKING',
      status: 'OPEN',
      start: '2027-03-01T23:00:00Z',
    });
    await insertConflict(blocked, {
      id: conflictIds.first,
      severity: 'BLOCKING',
      status: 'OPEN',
      start: '2027-03-01T22:00:00Z',
    });
    await insertConflict(blocked, { severity: 'WARNING', status: 'OPEN', start: '2027-03-01T22:00:00Z' });
    await insertConflict(blocked, {
      severity: 'WARNING',
      status: 'ACKNOWLEDGED',
      start: '2027-03-01T22:00:00Z',
    });
    await insertConflict(blocked, {
      severity: 'BLOCKING',
      status: 'RESOLVED',
      start: '2027-03-01T22:00:00Z',
    });
    await insertConflict(blocked, {
      severity: 'BLOCKING',
      status: 'OVERRIDDEN',
      start: '2027-03-01T22:00:00Z',
    });
    await insertConflict(otherIntent, {
      severity: 'BLOCKING',
      status: 'OPEN',
      start: '2027-03-01T22:00:00Z',
    });

    intents = await FakeRpcService.start(amqpUrl, namespace, 'intents');
    intents.answerWith(() => ({ response: intentApprovedEvent.example }));
    conflicts = await startApp('conflicts', backendEnv);
    await waitUntilReady(conflicts);
    gateway = await startGateway(amqpUrl, namespace, { RPC_TIMEOUT_MS: '500' });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([gateway?.process.stop(), conflicts?.process.stop(), intents?.stop()]);
    await db?.end();
    await database?.drop();
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  }, 30_000);

  const transitions = () => intents.callsTo('intents.transition');

  it('hands the OPEN BLOCKING conflicts of the intent, and only those, to intents.transition', async () => {
    const requestId = `gate-${randomUUID()}`;
    const response = await act('approve', blocked, approver, { 'x-request-id': requestId });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(intentApprovedEvent.example);
    expect(transitions()).toHaveLength(1);
    expect(transitions()[0].data).toEqual({
      actor: { sub: 'bob', roles: ['approver'], groups: [] },
      correlationId: requestId,
      payload: {
        intentId: blocked,
        action: 'approve',
        version: 3,
        notes: 'checked',
        blockingConflictIds: [conflictIds.first, conflictIds.second],
      },
    });
  });

  it('checks again at start, and passes an empty list when nothing blocks', async () => {
    expect((await act('start', clear, operator)).status).toBe(200);
    expect(transitions().at(-1)?.data.payload).toMatchObject({
      intentId: clear,
      action: 'start',
      blockingConflictIds: [],
    });
  });

  it("relays the intents service's refusal as it was sent (409 with code and allowedActions)", async () => {
    intents.answerWith(() => ({
      problem: {
        status: 409,
        type: 'https://envrefresh.dev/problems/blocking-conflicts',
        title: 'Blocked by conflicts',
        detail: 'The intent has OPEN BLOCKING conflicts',
        code: 'INTENT.BLOCKED_BY_CONFLICTS',
        allowedActions: ['reject', 'cancel'],
      },
    }));
    const response = await act('approve', otherIntent, approver);

    expect(response.status).toBe(409);
    expect(await problemOf(response)).toMatchObject({
      status: 409,
      code: 'INTENT.BLOCKED_BY_CONFLICTS',
      allowedActions: ['reject', 'cancel'],
    });
    expect(transitions().at(-1)?.data.payload).toMatchObject({
      intentId: otherIntent,
      blockingConflictIds: [expect.any(String)],
    });
  });

  it('answers 503 and never reaches intents.transition when the conflicts service is down', async () => {
    await conflicts.process.stop();
    const before = transitions().length;

    for (const [action, token] of [
      ['approve', approver],
      ['start', operator],
    ] as const) {
      const response = await act(action, blocked, token);
      expect(response.status).toBe(503);
      expect(await problemOf(response)).toMatchObject({
        status: 503,
        code: 'APPROVAL_GATE.UNAVAILABLE',
        detail: expect.stringContaining(`not ${action === 'approve' ? 'approved' : 'started'}`),
      });
    }
    expect(transitions()).toHaveLength(before);
  });

  it('still serves the routes that do not need the conflicts service', async () => {
    intents.answerWith(() => ({ response: intentApprovedEvent.example }));
    const response = await fetch(`${gateway.baseUrl}/api/v1/intents/${blocked}`, {
      headers: { authorization: `Bearer ${approver}` },
    });
    expect(response.status).toBe(200);
  });
});
