import { postJson } from '../api/api-fixtures';
import { BENCH_GROUP, BenchTokens } from '../api/support/bench-tokens';

/** Subscriptions created at once: enough to keep the gateway busy without queueing behind itself. */
const CREATE_CONCURRENCY = 8;

/**
 * An environment of the bench group, through the API. Approvals stay on, so each intent filed and
 * submitted in it raises exactly one announced event (`intent.requested`) and nothing after it.
 */
export async function createEnvironment(
  gatewayUrl: string,
  tokens: BenchTokens,
  key: string,
): Promise<string> {
  const environment = await postJson<{ id: string }>(`${gatewayUrl}/api/v1/environments`, tokens.admin, {
    key,
    name: `Notifications bench: ${key}`,
    tier: 'PERF',
    ownerGroup: BENCH_GROUP,
    requiresApproval: true,
    timezone: 'UTC',
  });
  return environment.id;
}

/**
 * `count` WEBHOOK subscriptions, made by the admin through `POST /api/v1/subscriptions`, each
 * hearing the default events of one environment and posting to one of `targets`.
 */
export async function createWebhookSubscriptions(
  gatewayUrl: string,
  tokens: BenchTokens,
  environmentId: string,
  targets: readonly string[],
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const target = targets[next];
      next += 1;
      await postJson(`${gatewayUrl}/api/v1/subscriptions`, tokens.admin, {
        channel: 'WEBHOOK',
        target,
        filter: { environmentIds: [environmentId] },
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CREATE_CONCURRENCY, targets.length) }, worker));
}

/** `<receiver>/<phase>/<index>` for index 0 … count − 1: the receiver tells phases and subscriptions apart by path. */
export function receiverTargets(receiverUrl: string, phase: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${receiverUrl}/${phase}/${index}`);
}
