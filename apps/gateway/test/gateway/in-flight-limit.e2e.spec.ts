import { intentsListRpc } from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { signTestToken } from '../support/test-token';
import { problemOf } from './support/gateway-under-test';
import { Caller, GatewayOverFakes } from './support/gateway-over-fakes';
import { FakeAnswer } from './support/fake-rpc-service';

const LIMIT = 3;
const heavy: Caller = { sub: 'heavy-hannah', roles: ['viewer'], groups: [] };
const other: Caller = { sub: 'other-otto', roles: ['viewer'], groups: [] };

describe('MAX_IN_FLIGHT_PER_USER: one user cannot hold more than their share of the gateway', () => {
  let api: GatewayOverFakes;
  /** Calls held open by the fake service until the spec lets them go. */
  const held: Array<() => void> = [];

  /** Held by the fake until released. */
  const list = (caller: Caller) => api.request('GET', '/intents', caller);
  /** Answered at once. */
  const quick = (caller: Caller) => api.request('GET', '/bookings', caller);
  const waitUntilHeld = async (count: number) => {
    const deadline = Date.now() + 5_000;
    while (held.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${held.length} of ${count} calls reached the service`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const releaseAll = () => {
    for (const release of held.splice(0)) release();
  };

  beforeAll(async () => {
    api = await GatewayOverFakes.start({ MAX_IN_FLIGHT_PER_USER: String(LIMIT) });
    // Listing intents is the slow call here: the fake holds every one open; bookings answer at once.
    api.answerWith(
      (call) =>
        new Promise<FakeAnswer>((resolve) => {
          const answer = { response: { items: [], nextCursor: null } };
          if (call.pattern === intentsListRpc.pattern) held.push(() => resolve(answer));
          else resolve(answer);
        }),
    );
  }, 30_000);

  afterAll(async () => {
    releaseAll();
    await api?.stop();
  });

  it('answers 429 problem+json with Retry-After past the limit, while the others wait their turn', async () => {
    const first = Array.from({ length: LIMIT }, () => list(heavy));
    await waitUntilHeld(LIMIT);

    const refused = await list(heavy);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await problemOf(refused)).toMatchObject({
      status: 429,
      type: 'https://envrefresh.dev/problems/too-many-in-flight',
      retryAfterSeconds: 1,
      detail: expect.stringContaining(`${LIMIT} requests in progress`),
    });

    // The share is the user's, whatever the route; another user is not touched by it.
    expect((await quick(heavy)).status).toBe(429);
    expect((await quick(other)).status).toBe(200);

    releaseAll();
    expect((await Promise.all(first)).map((response) => response.status)).toEqual(Array(LIMIT).fill(200));
  });

  it('gives the share back once the requests are answered', async () => {
    const again = Array.from({ length: LIMIT }, () => list(heavy));
    await waitUntilHeld(LIMIT);
    releaseAll();
    expect((await Promise.all(again)).map((response) => response.status)).toEqual(Array(LIMIT).fill(200));
  });

  it('does not give it back when the client hangs up: the service is still working for it', async () => {
    const controllers = Array.from({ length: LIMIT }, () => new AbortController());
    const abandoned = controllers.map((controller) =>
      fetch(`${api.gateway.baseUrl}/api/v1/intents`, {
        headers: { authorization: `Bearer ${signTestToken(heavy)}` },
        signal: controller.signal,
      }).catch(() => 'aborted'),
    );
    await waitUntilHeld(LIMIT);
    for (const controller of controllers) controller.abort();
    expect(await Promise.all(abandoned)).toEqual(Array(LIMIT).fill('aborted'));

    expect((await list(heavy)).status).toBe(429);
    releaseAll();
    await eventually(async () => expect((await quick(heavy)).status).toBe(200));
  });
});
