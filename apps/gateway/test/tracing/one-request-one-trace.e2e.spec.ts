import { randomBytes } from 'node:crypto';
import { RPC_SERVICES } from '@envrefresh/contracts';
import {
  OtlpTraceReceiver,
  ReceivedSpan,
  SPAN_KIND,
  TestDatabase,
  createTestDatabase,
  createTestNamespace,
  deleteAmqpNamespace,
  eventually,
  namespaceNames,
  testAmqpUrl,
  testServiceEnv,
} from '@envrefresh/testing';
import { RunningApp, migrateSchemas, startApp, waitUntilReady } from '../support/app-processes';
import { waitForConsumers } from '../support/queue-consumers';
import { signTestToken } from '../support/test-token';

// Every service that consumes intent.requested (docs/architecture.md, "Services").
const CONSUMERS = ['conflicts', 'scheduling', 'notifications'] as const;

/**
 * The five apps run as real processes with tracing on, exporting over OTLP/HTTP to a receiver in
 * this spec; the request comes with a traceparent, so its trace id is known before it starts.
 */
describe('one request, one trace: gateway → service → outbox → every consumer', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  const apps: RunningApp[] = [];
  let database: TestDatabase;
  let receiver: OtlpTraceReceiver;
  let gateway: RunningApp;
  let environmentId: string;

  beforeAll(async () => {
    receiver = await OtlpTraceReceiver.start();
    database = await createTestDatabase();
    const backendEnv = testServiceEnv({ databaseUrl: database.url, amqpUrl, namespace });
    await migrateSchemas(backendEnv);
    for (const service of RPC_SERVICES)
      apps.push(await startApp(service, { ...backendEnv, ...receiver.env() }));
    gateway = await startApp('gateway', { ...testServiceEnv({ amqpUrl, namespace }), ...receiver.env() });
    apps.push(gateway);
    await Promise.all(apps.map((app) => waitUntilReady(app)));
    await waitForConsumers(
      amqpUrl,
      CONSUMERS.map((service) => `${namespace}.${service}.events`),
    );
    const environment = await fetch(`${gateway.baseUrl}/api/v1/environments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${signTestToken({ sub: 'root', roles: ['admin'] })}`,
      },
      body: JSON.stringify({ key: 'uat-traced', name: 'UAT traced', tier: 'UAT', ownerGroup: 'qa-team' }),
    });
    expect(environment.status).toBe(201);
    environmentId = ((await environment.json()) as { id: string }).id;
  }, 90_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.process.stop()));
    await receiver?.close();
    await database?.drop();
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  }, 30_000);

  it('holds the gateway, the intents service, the relay and each consumer of intent.requested, linked parent to child', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const response = await fetch(`${gateway.baseUrl}/api/v1/intents`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${signTestToken({ sub: 'alice', roles: ['requester'], groups: ['qa-team'] })}`,
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify({
        environmentId,
        refreshType: 'MASKED_COPY',
        plannedStart: '2027-05-01T22:00:00Z',
        plannedEnd: '2027-05-02T02:00:00Z',
        reason: 'Traced refresh',
        submit: true,
      }),
    });
    expect(response.status).toBe(201);

    // Each process exports on its own schedule: judge the trace once all of it has arrived.
    const spans = await eventually(
      () => {
        const trace = receiver.trace(traceId);
        const byId = new Map(trace.map((span) => [span.spanId, span]));
        const ancestry = (span: ReceivedSpan): ReceivedSpan[] => {
          const path = [span];
          for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId))
            path.push(parent);
          return path;
        };
        for (const consumer of CONSUMERS) {
          const handled = trace.find(
            (span) =>
              span.service === `envrefresh-${consumer}` &&
              span.kind === SPAN_KIND.consumer &&
              span.name === 'intent.requested process',
          );
          expect(handled).toBeDefined();
          // consumer ← relay's publish ← the intents handler ← the gateway's call ← (Fastify's
          // route spans) ← the gateway's HTTP request, whose parent is the caller's span.
          const path = ancestry(handled!);
          expect(path.slice(0, 4).map(({ service, kind }) => `${service}/${kind}`)).toEqual([
            `envrefresh-${consumer}/${SPAN_KIND.consumer}`,
            `envrefresh-intents/${SPAN_KIND.producer}`,
            `envrefresh-intents/${SPAN_KIND.server}`,
            `envrefresh-gateway/${SPAN_KIND.client}`,
          ]);
          expect(path.slice(4).every((span) => span.service === 'envrefresh-gateway')).toBe(true);
          expect(path.at(-1)).toMatchObject({
            service: 'envrefresh-gateway',
            kind: SPAN_KIND.server,
            name: 'POST /api/v1/intents',
            parentSpanId: callerSpanId,
          });
        }
        // Every span but the request's own hangs on a span of this trace: nothing started a new one.
        for (const span of trace) {
          if (span.parentSpanId !== callerSpanId) expect(byId.has(span.parentSpanId)).toBe(true);
        }
        return trace;
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );

    // The instrumentations, not only the library's own spans: Fastify's route and pg's queries.
    expect(spans).toContainEqual(
      expect.objectContaining({
        service: 'envrefresh-gateway',
        attributes: expect.objectContaining({ 'http.route': '/api/v1/intents' }),
      }),
    );
    expect(spans).toContainEqual(
      expect.objectContaining({
        service: 'envrefresh-intents',
        kind: SPAN_KIND.client,
        attributes: expect.objectContaining({ 'db.system.name': 'postgresql' }),
      }),
    );
  });

  it('exports no probe or scrape request, and no idle poll of the relay', async () => {
    await Promise.all(apps.map((app) => fetch(`${app.baseUrl}/health/ready`)));
    await Promise.all(apps.map((app) => fetch(`${app.baseUrl}/metrics`)));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const roots = receiver.spans.filter((span) => span.parentSpanId === '');
    expect(roots.map(({ service, name }) => `${service} ${name}`)).not.toContainEqual(
      expect.stringMatching(/health|metrics|ping|SELECT|pg\./),
    );
  });
});
