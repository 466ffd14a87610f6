import { EnvReader, ServiceConfig, readServiceConfig } from '@envrefresh/config';
import { JwtConfig, readJwtConfig } from '@envrefresh/auth';

export interface GatewayConfig extends ServiceConfig {
  jwt: JwtConfig;
  /** How long the gateway waits for a service's answer before replying 504. */
  rpcTimeoutMs: number;
}

export function readGatewayConfig(env: EnvReader): GatewayConfig {
  const service = readServiceConfig('gateway', env);
  return {
    ...service,
    jwt: readJwtConfig(env, service.production),
    rpcTimeoutMs: env.int('RPC_TIMEOUT_MS', 5000, { min: 100, max: 120000 }),
  };
}

export const GATEWAY_CONFIG = Symbol('GatewayConfig');
