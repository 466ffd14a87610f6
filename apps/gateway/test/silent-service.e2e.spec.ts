import { randomUUID } from 'node:crypto';
import { createTestNamespace, deleteAmqpNamespace, testAmqpUrl, testServiceEnv } from '@envrefresh/testing';
import { RunningApp, startApp } from './support/app-processes';
import { namespaceNames } from '@envrefresh/testing';
import { signTestToken } from './support/test-token';

describe('gateway facing a silent service: a timeout is 504, repeated failures open the circuit (503)', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  let gateway: RunningApp;
  const token = signTestToken({ sub: 'alice', roles: ['requester'] });

  const fileIntent = () =>
    fetch(`${gateway.baseUrl}/api/v1/intents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        environmentId: randomUUID(),
        refreshType: 'FULL_COPY',
        plannedStart: '2027-03-01T22:00:00Z',
        plannedEnd: '2027-03-02T02:00:00Z',
        reason: 'nobody is listening',
      }),
    });

  beforeAll(async () => {
    // Only the gateway runs: the intents service never answers.
    gateway = await startApp(
      'gateway',
      testServiceEnv({ amqpUrl, namespace, extra: { RPC_TIMEOUT_MS: '300' } }),
    );
    await waitUntilLive(gateway);
  }, 30_000);

  afterAll(async () => {
    await gateway?.process.stop();
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  });

  it('answers 504 problem+json naming the service when it does not answer in time', async () => {
    const response = await fileIntent();
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 504,
      title: 'Gateway Timeout',
      detail: expect.stringContaining('intents'),
    });
  });

  it('opens the circuit after repeated failures and then fails fast with 503', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8 && !statuses.includes(503); attempt += 1)
      statuses.push((await fileIntent()).status);
    expect(statuses).toContain(503);
    const started = Date.now();
    const response = await fileIntent();
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(300);
    expect(await response.json()).toMatchObject({
      status: 503,
      detail: expect.stringContaining('intents is unavailable'),
    });
  });

  it('is not ready while the services do not answer their ping', async () => {
    const response = await fetch(`${gateway.baseUrl}/health/ready`);
    expect(response.status).toBe(503);
    expect(JSON.stringify(await response.json())).toContain('intents');
  });
});

async function waitUntilLive(app: RunningApp): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const answered = await fetch(`${app.baseUrl}/health/live`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gateway never became live:\n${app.process.stderr()}${app.process.stdout()}`);
}
