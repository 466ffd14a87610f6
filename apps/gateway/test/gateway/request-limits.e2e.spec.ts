import { createTestNamespace, deleteAmqpNamespace, testAmqpUrl } from '@envrefresh/testing';
import { RunningApp } from '../support/app-processes';
import { namespaceNames } from '@envrefresh/testing';
import { signTestToken } from '../support/test-token';
import { problemOf, startGateway } from './support/gateway-under-test';

const LIMIT = 5;
const BODY_LIMIT = 2048;

describe('gateway request limits: per-caller rate limit (429 + Retry-After) and body cap (413)', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  let gateway: RunningApp;

  const bearer = (sub: string) => ({ authorization: `Bearer ${signTestToken({ sub, roles: ['viewer'] })}` });
  /** Answered by the gateway alone (404 for an id that is not a UUID), so only the limiter is measured. */
  const cheapRequest = (headers: Record<string, string> = {}) =>
    fetch(`${gateway.baseUrl}/api/v1/intents/not-a-uuid`, { headers });

  beforeAll(async () => {
    gateway = await startGateway(amqpUrl, namespace, {
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
      BODY_LIMIT_BYTES: String(BODY_LIMIT),
    });
  }, 30_000);

  afterAll(async () => {
    await gateway?.process.stop();
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  });

  it('lets a user make RATE_LIMIT_PER_MINUTE requests, then answers 429 problem+json with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i += 1) statuses.push((await cheapRequest(bearer('alice'))).status);
    expect(statuses).toEqual(Array(LIMIT).fill(404));

    const refused = await cheapRequest(bearer('alice'));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(await problemOf(refused)).toMatchObject({
      status: 429,
      title: 'Too Many Requests',
      detail: expect.any(String),
      retryAfterSeconds: retryAfter,
    });
  });

  it("keeps each user's budget apart: another user from the same address is not limited", async () => {
    expect((await cheapRequest(bearer('bob'))).status).toBe(404);
  });

  it('keys on the verified sub: a forged token claiming alice is counted against the address, not alice', async () => {
    const forged = `Bearer ${signTestToken({ sub: 'alice', roles: ['viewer'] }, 'f'.repeat(48))}`;
    expect((await cheapRequest({ authorization: forged })).status).toBe(401);
  });

  it('limits callers without a valid token by client address', async () => {
    // The forged request above spent one of the address's LIMIT requests.
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i += 1) statuses.push((await cheapRequest()).status);
    expect(statuses).toEqual([...Array(LIMIT - 1).fill(401), 429]);
  });

  it('never limits probes and metrics', async () => {
    for (const path of ['/health/live', '/metrics', '/health/live', '/metrics', '/health/live', '/metrics']) {
      const response = await fetch(`${gateway.baseUrl}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
  });

  describe('body cap', () => {
    const post = (sub: string, body: string) =>
      fetch(`${gateway.baseUrl}/api/v1/intents`, {
        method: 'POST',
        headers: { ...bearer(sub), 'content-type': 'application/json' },
        body,
      });

    it('answers 413 problem+json for a body over BODY_LIMIT_BYTES', async () => {
      const response = await post('carol', JSON.stringify({ reason: 'x'.repeat(BODY_LIMIT) }));
      expect(response.status).toBe(413);
      expect(await problemOf(response)).toMatchObject({ status: 413, title: 'Payload Too Large' });
    });

    it('reads a body under the cap (then refuses the viewer: 403, not 413)', async () => {
      const response = await post('dave', JSON.stringify({ reason: 'x'.repeat(BODY_LIMIT / 2) }));
      expect(response.status).toBe(403);
    });
  });
});
