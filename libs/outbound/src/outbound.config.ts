import { EnvReader } from '@envrefresh/config';
import { AllowedHosts } from './allowed-hosts';

export interface OutboundConfig {
  /** http as well as https; for development only. */
  allowHttp: boolean;
  allowedHosts: AllowedHosts;
  /** Default deadline of a call, from the first connect to the last byte of the response. */
  timeoutMs: number;
  /** Default cap on a response body; a larger one is cut off and the call fails. */
  maxResponseBytes: number;
}

export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000;
export const DEFAULT_OUTBOUND_MAX_RESPONSE_BYTES = 1024 * 1024;

export function readOutboundConfig(env: EnvReader): OutboundConfig {
  const { allowed, problems } = AllowedHosts.parse(env.optionalString('OUTBOUND_ALLOWED_HOSTS'));
  for (const problem of problems) env.fail(`OUTBOUND_ALLOWED_HOSTS: ${problem}`);
  return {
    allowHttp: env.bool('OUTBOUND_ALLOW_HTTP', false),
    allowedHosts: allowed,
    timeoutMs: env.int('OUTBOUND_TIMEOUT_MS', DEFAULT_OUTBOUND_TIMEOUT_MS, { min: 100, max: 300_000 }),
    maxResponseBytes: env.int('OUTBOUND_MAX_RESPONSE_BYTES', DEFAULT_OUTBOUND_MAX_RESPONSE_BYTES, {
      min: 1024,
      max: 64 * 1024 * 1024,
    }),
  };
}
