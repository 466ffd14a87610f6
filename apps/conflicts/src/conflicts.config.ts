import { EnvReader } from '@envrefresh/config';
import { readRpcTimeoutMs } from '@envrefresh/messaging';
import { ServiceRuntimeConfig, readServiceRuntimeConfig } from '@envrefresh/platform';
import { RuleSet, parseRuleSet } from './detection/domain/rule-set';

export interface ConflictsConfig extends ServiceRuntimeConfig {
  /** CONFLICT_RULES, e.g. "DEPENDENCY=off,OUTSIDE_MAINTENANCE=BLOCKING": rules switched off or given another severity. */
  ruleSet: RuleSet;
  /**
   * RECOMPUTATION_LOCK_WAIT: how long a request (a booking, a window, the approval gate) waits for
   * the recomputation lock before it is refused as busy (503 with Retry-After): shorter than
   * RPC_TIMEOUT_MS, so its caller hears "nothing happened, send it again", never a 504.
   */
  recomputationWaitMs: number;
}

/**
 * Every recomputation takes one lock, so event batches running side by side only wait on it,
 * each holding a pooled connection and queueing ahead of the requests that arrive meanwhile (the
 * fault harness saw `POST /bookings` time out behind the backlog after a database cut). One event
 * at a time per replica keeps a request behind at most two recomputations: with batches of five,
 * a `POST /bookings` and an approval still waited out RECOMPUTATION_LOCK_WAIT (503, busy) behind
 * the catch-up 1.4–1.7 s after a database cut was over (CI, 2026-12-03).
 */
const CONSUMER_DEFAULTS = { maxConcurrentBatches: 1, batchSize: 1 };

export function readConflictsConfig(env: EnvReader): ConflictsConfig {
  const runtime = readServiceRuntimeConfig('conflicts', env, CONSUMER_DEFAULTS);
  const text = env.optionalString('CONFLICT_RULES') ?? '';
  let ruleSet = parseRuleSet('');
  try {
    ruleSet = parseRuleSet(text);
  } catch (error) {
    env.fail(`CONFLICT_RULES: ${(error as Error).message}`);
  }
  const recomputationWaitMs = env.durationMs('RECOMPUTATION_LOCK_WAIT', 'PT3S', {
    minMs: 100,
    maxMs: 60_000,
  });
  const rpcTimeoutMs = readRpcTimeoutMs(env);
  if (recomputationWaitMs >= rpcTimeoutMs)
    env.fail(
      `RECOMPUTATION_LOCK_WAIT (${recomputationWaitMs} ms) must be shorter than RPC_TIMEOUT_MS (${rpcTimeoutMs} ms): a request refused as busy must be answered before its caller gives up`,
    );
  return { ...runtime, ruleSet, recomputationWaitMs };
}
