import { randomUUID } from 'node:crypto';
import { createTestNamespace, deleteAmqpNamespace, namespaceNames, testAmqpUrl } from '@envrefresh/testing';
import { PROJECTION_CATCH_UP_WAIT_MS as CATCH_UP_WAIT_MS } from '../../src/services/projection-catch-up';
import { RunningApp } from '../support/app-processes';
import { signTestToken } from '../support/test-token';
import { FakeRpcService } from './support/fake-rpc-service';
import { startGateway } from './support/gateway-under-test';

const RPC_TIMEOUT_MS = 4_000;

describe('a write whose projector is down (ADR 0014): answered after the catch-up wait, then without waiting', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  let conflicts: FakeRpcService;
  let gateway: RunningApp;
  const planner = signTestToken({ sub: 'pat', roles: ['requester'], groups: ['payments-qa'] });

  /** A booking the conflicts fake accepts; the scheduling service, whose calendar catches up on it, never answers. */
  async function book(): Promise<{ status: number; ms: number }> {
    const started = Date.now();
    const response = await fetch(`${gateway.baseUrl}/api/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${planner}` },
      body: JSON.stringify({
        environmentId: randomUUID(),
        start: '2031-06-01T09:00:00Z',
        end: '2031-06-01T17:00:00Z',
        group: 'payments-qa',
        purpose: 'regression run',
        priority: 'LOW',
      }),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: Date.now() - started };
  }

  beforeAll(async () => {
    conflicts = await FakeRpcService.start(amqpUrl, namespace, 'conflicts');
    conflicts.answerWith(() => ({ response: { id: randomUUID() } }));
    gateway = await startGateway(amqpUrl, namespace, { RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) });
  }, 60_000);

  afterAll(async () => {
    await gateway?.process.stop();
    await conflicts?.stop();
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  });

  it('answers the committed write once the wait is over, not after the RPC timeout', async () => {
    const { status, ms } = await book();
    expect(status).toBe(201);
    expect(ms).toBeGreaterThanOrEqual(CATCH_UP_WAIT_MS - 100);
    expect(ms).toBeLessThan(RPC_TIMEOUT_MS);
  });

  it('stops asking once the circuit to the projector is open', async () => {
    // Each unanswered catch-up counts against scheduling's circuit when its RPC times out; the
    // circuit opens on enough of them within its rolling window, so they are made at once.
    const writes = await Promise.all(Array.from({ length: 6 }, () => book()));
    expect(writes.map(({ status }) => status)).toEqual(Array(6).fill(201));
    await new Promise((resolve) => setTimeout(resolve, RPC_TIMEOUT_MS));
    const { status, ms } = await book();
    expect(status).toBe(201);
    expect(ms).toBeLessThan(CATCH_UP_WAIT_MS / 2);
  }, 60_000);
});
