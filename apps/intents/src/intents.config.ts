import { EnvReader } from '@envrefresh/config';
import { readRpcTimeoutMs } from '@envrefresh/messaging';
import { ServiceRuntimeConfig, readServiceRuntimeConfig } from '@envrefresh/platform';

export interface IntentsConfig extends ServiceRuntimeConfig {
  /** How long approve and start wait for the conflicts service's answer before refusing with 503. */
  rpcTimeoutMs: number;
  /** START_EARLY_TOLERANCE: how long before plannedStart a refresh may start. */
  startEarlyToleranceMs: number;
}

export function readIntentsConfig(env: EnvReader): IntentsConfig {
  return {
    ...readServiceRuntimeConfig('intents', env),
    rpcTimeoutMs: readRpcTimeoutMs(env),
    startEarlyToleranceMs: env.durationMs('START_EARLY_TOLERANCE', 'PT15M', { maxMs: 3650 * 86_400_000 }),
  };
}

export const INTENTS_CONFIG = Symbol('IntentsConfig');
