import { ROLES } from '@envrefresh/auth';
import { createTestNamespace, deleteAmqpNamespace, testAmqpUrl } from '@envrefresh/testing';
import { RunningApp } from '../support/app-processes';
import { namespaceNames } from '@envrefresh/testing';
import { startGateway } from './support/gateway-under-test';

interface Operation {
  summary?: string;
  description?: string;
  'x-required-roles'?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string }; example?: unknown }> }>;
}

/** Every route of the API and the role SPEC.md gives it. */
const ROUTES: [method: string, path: string, role: string][] = [
  ['post', '/api/v1/environments', 'admin'],
  ['get', '/api/v1/environments', 'viewer'],
  ['get', '/api/v1/environments/{environment}', 'viewer'],
  ['patch', '/api/v1/environments/{environment}', 'admin'],
  ['get', '/api/v1/environments/{environment}/refresh-history', 'viewer'],
  ['post', '/api/v1/intents', 'requester'],
  ['get', '/api/v1/intents', 'viewer'],
  ['get', '/api/v1/intents/{id}', 'viewer'],
  ['patch', '/api/v1/intents/{id}', 'requester'],
  ['get', '/api/v1/intents/{id}/history', 'viewer'],
  ['get', '/api/v1/intents/{id}/conflicts', 'viewer'],
  ['get', '/api/v1/intents/{id}/history/verify', 'viewer'],
  ['post', '/api/v1/intents/{id}/submit', 'requester'],
  ['post', '/api/v1/intents/{id}/approve', 'approver'],
  ['post', '/api/v1/intents/{id}/reject', 'approver'],
  ['post', '/api/v1/intents/{id}/start', 'operator'],
  ['post', '/api/v1/intents/{id}/complete', 'operator'],
  ['post', '/api/v1/intents/{id}/fail', 'operator'],
  ['post', '/api/v1/intents/{id}/rollback', 'operator'],
  ['post', '/api/v1/intents/{id}/cancel', 'requester'],
];

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
    expect(documented.sort()).toEqual(ROUTES.map(([method, path]) => `${method} ${path}`).sort());
  });

  it.each(ROUTES)(
    '%s %s: summary, role, bearer auth, success example and problem responses',
    (method, path, role) => {
      const op = operation(method, path);
      expect(op.summary).toEqual(expect.any(String));
      expect(op['x-required-roles']).toEqual([role]);
      expect(op.description).toContain(`\`${role}\``);
      expect(op.security).toEqual([{ bearer: [] }]);

      const success = op.responses[method === 'post' && !path.includes('{id}/') ? '201' : '200'];
      expect(success.content?.['application/json']?.example).toBeDefined();
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
    expect(headers('post', '/api/v1/environments')).toContain('Idempotency-Key');
    expect(headers('post', '/api/v1/intents')).toContain('Idempotency-Key');
    for (const [method, path] of ROUTES.filter(([m, p]) => m !== 'get' && p.includes('{id}')))
      expect({ path, headers: headers(method, path) }).toEqual({
        path,
        headers: expect.arrayContaining(['If-Match']),
      });
  });

  it('documents 428, 409 and 404 on intent commands, 400 with field errors where input is validated', () => {
    for (const [method, path] of ROUTES.filter(([m, p]) => m !== 'get' && p.includes('{id}')))
      expect(Object.keys(operation(method, path).responses)).toEqual(
        expect.arrayContaining(['400', '404', '409', '428']),
      );
    expect(operation('get', '/api/v1/intents').responses['400']).toBeDefined();
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
    ])
      expect(document.components.schemas[schema]).toBeDefined();
    expect(ROLES).toEqual(expect.arrayContaining(ROUTES.map(([, , role]) => role)));
  });
});
