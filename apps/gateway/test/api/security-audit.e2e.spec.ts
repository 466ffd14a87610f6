import { eventually } from '@envrefresh/testing';
import { ApiSuite, useApiSuite } from './support/api-suite';
import { Lifecycle, OWNER_GROUP } from './support/lifecycle';
import { persona } from './support/personas';

type Line = Record<string, unknown> & { details?: Record<string, unknown> };

/** The security lines an app has written so far (docs/operations.md: filter on `security`). */
function securityLines(suite: ApiSuite, app: string): Line[] {
  const output = suite.apps.find((candidate) => candidate.name === app)!.process.stdout();
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Line)
    .filter((line) => line.security === true);
}

function lineFor(suite: ApiSuite, app: string, correlationId: string): Promise<Line> {
  return eventually(
    async () => {
      const line = securityLines(suite, app).find((candidate) => candidate.correlationId === correlationId);
      if (!line) throw new Error(`no security line of ${app} for ${correlationId}`);
      return line;
    },
    { timeoutMs: 5_000, intervalMs: 50 },
  );
}

describe('the security audit trail: refused logins, 403s and decisions as security log lines', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;

  beforeAll(() => {
    lifecycle = new Lifecycle(suite);
  });

  it('a refused login is a refused auth.authenticate line with the reason and no token', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.bm90LWEtc2lnbmF0dXJl';
    const response = await suite.api.get('/intents', {
      headers: { authorization: `Bearer ${forged}`, 'x-request-id': 'audit-401' },
    });
    expect(response.status).toBe(401);

    const line = await lineFor(suite, 'gateway', 'audit-401');
    expect(line).toMatchObject({
      security: true,
      level: 'warn',
      action: 'auth.authenticate',
      outcome: 'refused',
      reason: expect.any(String),
      details: { status: 401, method: 'GET', route: expect.stringContaining('/intents') },
    });
    expect(line).not.toHaveProperty('actor');
    for (const app of suite.apps) expect(app.process.stdout()).not.toContain(forged);
  });

  it('a 403 names who was refused what, and why', async () => {
    const viewer = persona('vince-viewer', ['viewer'], [OWNER_GROUP]);
    const environment = await lifecycle.createEnvironment();
    const response = await suite.api.post('/intents', {
      as: viewer,
      headers: { 'x-request-id': 'audit-403' },
      body: {
        environmentId: environment.id,
        refreshType: 'DATA_ONLY',
        plannedStart: '2033-01-01T10:00:00Z',
        plannedEnd: '2033-01-01T12:00:00Z',
        reason: 'Not mine to file',
      },
    });
    expect(response.status).toBe(403);

    const line = await lineFor(suite, 'gateway', 'audit-403');
    expect(line).toMatchObject({
      action: 'http.authorize',
      outcome: 'refused',
      actor: viewer.sub,
      reason: expect.stringContaining('requester'),
      details: { status: 403, method: 'POST', route: '/api/v1/intents' },
    });
    expect(JSON.stringify(line)).not.toContain(viewer.token);
  });

  it("a service's own 403 (owner group) is on the gateway's trail with its code", async () => {
    const environment = await lifecycle.createEnvironment();
    const intent = await lifecycle.fileIntent(environment, {
      submit: true,
      notificationGroups: ['release-train'],
    });
    const notified = persona('nico-notified', ['approver'], ['release-train']);
    const response = await lifecycle.act(intent, 'approve', {
      as: notified,
      headers: { 'x-request-id': 'audit-403-owner' },
    });
    expect(response.status).toBe(403);

    expect(await lineFor(suite, 'gateway', 'audit-403-owner')).toMatchObject({
      action: 'http.authorize',
      outcome: 'refused',
      actor: notified.sub,
      details: { status: 403, code: 'INTENT.NOT_IN_OWNER_GROUP', route: '/api/v1/intents/:id/approve' },
    });
  });

  it('an approval is an allowed intent.approve line naming the approver and the intent', async () => {
    const environment = await lifecycle.createEnvironment();
    const intent = await lifecycle.fileIntent(environment, { submit: true });
    const response = await lifecycle.act(intent, 'approve', { headers: { 'x-request-id': 'audit-approve' } });
    expect(response.status).toBe(200);

    const line = await lineFor(suite, 'intents', 'audit-approve');
    expect(line).toMatchObject({
      security: true,
      level: 'warn',
      action: 'intent.approve',
      outcome: 'allowed',
      actor: lifecycle.cast.approver.sub,
      details: { intentId: intent.id, environmentId: environment.id },
    });
    for (const app of suite.apps) expect(app.process.stdout()).not.toContain(lifecycle.cast.approver.token);
  });
});
