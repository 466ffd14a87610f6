import { RequestFactory } from './load/load-result';
import { BENCH_GROUP, BenchTokens } from './support/bench-tokens';

const HOUR_MS = 3_600_000;

/** What the load phases need from the running suite: where to send and an intent to read. */
export interface ApiFixtures {
  environmentId: string;
  intentId: string;
}

/**
 * An environment owned by the bench group and one intent of the requester's in it, made through
 * the API like any client would. The environment keeps approvals on, so submitted intents stay
 * REQUESTED and the run measures filing, not the rest of the lifecycle.
 */
export async function createApiFixtures(
  gatewayUrl: string,
  tokens: BenchTokens,
  windows: IntentWindows,
): Promise<ApiFixtures> {
  const environment = await postJson<{ id: string }>(`${gatewayUrl}/api/v1/environments`, tokens.admin, {
    key: 'api-bench',
    name: 'API bench',
    tier: 'PERF',
    ownerGroup: BENCH_GROUP,
    requiresApproval: true,
    timezone: 'UTC',
  });
  const intent = await postJson<{ id: string }>(
    `${gatewayUrl}/api/v1/intents`,
    tokens.requester,
    createIntentBody(environment.id, windows.next()),
  );
  return { environmentId: environment.id, intentId: intent.id };
}

/** `POST /api/v1/intents` with submit: each request a new window, so no two intents conflict. */
export function createIntentRequests(
  environmentId: string,
  token: string,
  windows: IntentWindows,
): RequestFactory {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return () => ({
    method: 'POST',
    path: '/api/v1/intents',
    headers,
    body: JSON.stringify(createIntentBody(environmentId, windows.next())),
  });
}

export function readIntentRequests(intentId: string, token: string): RequestFactory {
  const request = {
    method: 'GET',
    path: `/api/v1/intents/${intentId}`,
    headers: { authorization: `Bearer ${token}` },
  };
  return () => request;
}

interface Window {
  start: Date;
  end: Date;
}

export interface IntentWindows {
  next(): Window;
}

/** Back-to-back two-hour windows from a month ahead; half-open, so adjacent ones do not overlap. */
export function intentWindows(): IntentWindows {
  const firstStart = Math.ceil((Date.now() + 30 * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS;
  let index = 0;
  return {
    next() {
      const start = new Date(firstStart + index * 2 * HOUR_MS);
      index += 1;
      return { start, end: new Date(start.getTime() + 2 * HOUR_MS) };
    },
  };
}

function createIntentBody(environmentId: string, window: Window) {
  return {
    environmentId,
    refreshType: 'MASKED_COPY',
    plannedStart: window.start.toISOString(),
    plannedEnd: window.end.toISOString(),
    reason: 'API bench: filing throughput and latency',
    notificationGroups: [BENCH_GROUP],
    submit: true,
  };
}

export async function postJson<T>(url: string, token: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}
