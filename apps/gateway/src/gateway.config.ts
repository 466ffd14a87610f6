import { readRpcTimeoutMs } from '@envrefresh/messaging';
import { EnvReader, ServiceConfig, readServiceConfig } from '@envrefresh/config';
import {
  JwtConfig,
  UserProofSigningConfig,
  readJwtConfig,
  readUserProofSigningConfig,
} from '@envrefresh/auth';

export interface GatewayConfig extends ServiceConfig {
  jwt: JwtConfig;
  /** The key the gateway signs user assertions for the services with (ADR 0012). */
  userProof: UserProofSigningConfig;
  /** How long the gateway waits for a service's answer before replying 504. */
  rpcTimeoutMs: number;
  /** Requests per minute per caller (JWT `sub`, or client IP without a valid token). */
  rateLimitPerMinute: number;
  /** Largest request body accepted; larger is 413. */
  bodyLimitBytes: number;
}

export function readGatewayConfig(env: EnvReader): GatewayConfig {
  const service = readServiceConfig('gateway', env);
  return {
    ...service,
    jwt: readJwtConfig(env, service.production),
    userProof: readUserProofSigningConfig(env, service.production),
    rpcTimeoutMs: readRpcTimeoutMs(env),
    rateLimitPerMinute: env.int('RATE_LIMIT_PER_MINUTE', 600, { min: 1, max: 1_000_000 }),
    bodyLimitBytes: env.int('BODY_LIMIT_BYTES', 64 * 1024, { min: 1024, max: 10 * 1024 * 1024 }),
  };
}

export const GATEWAY_CONFIG = Symbol('GatewayConfig');
