import { readRpcTimeoutMs } from '@envrefresh/messaging';
import { EnvReader, ServiceConfig, readServiceConfig } from '@envrefresh/config';
import {
  JwtConfig,
  UserProofSigningConfig,
  readJwtConfig,
  readUserProofSigningConfig,
} from '@envrefresh/auth';
import { DEFAULT_VIEWS_MAX_ENTRIES } from './views/domain/view-cache';
import { WebConfig, readWebConfig } from './web/web.config';

export interface GatewayConfig extends ServiceConfig {
  jwt: JwtConfig;
  /** The key the gateway signs user assertions for the services with (ADR 0017). */
  userProof: UserProofSigningConfig;
  /** How long the gateway waits for a service's answer before replying 504. */
  rpcTimeoutMs: number;
  /** Requests per minute per caller (JWT `sub`, or client IP without a valid token). */
  rateLimitPerMinute: number;
  /** Largest request body accepted; larger is 413. */
  bodyLimitBytes: number;
  /** Requests one caller may have in progress at once; beyond it 429. */
  maxInFlightPerUser: number;
  /** Time a client has to send its request line and headers (408 beyond). */
  headersTimeoutMs: number;
  /** Time a client has to send its whole request, body included (408 beyond). */
  requestTimeoutMs: number;
  /** The base of every link the suite hands out (SPEC "REST API"), without a trailing slash. */
  publicUrl: string;
  /** The single-page app: where its build is and how it signs in (docs/web-ui.md). */
  web: WebConfig;
  /** Most intent views and freeze verdicts this replica keeps in memory (ADR 0031). */
  viewsMaxEntries: number;
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
    maxInFlightPerUser: env.int('MAX_IN_FLIGHT_PER_USER', 8, { min: 1, max: 1_000_000 }),
    ...timeouts(env),
    publicUrl: env
      .url('PUBLIC_URL', ['http', 'https'], {
        fallback: 'http://localhost:3000',
        example: 'https://envrefresh.example.com',
      })
      .replace(/\/+$/, ''),
    web: readWebConfig(env, service.production),
    viewsMaxEntries: env.int('GATEWAY_VIEWS_MAX_ENTRIES', DEFAULT_VIEWS_MAX_ENTRIES, {
      min: 0,
      max: 1_000_000,
    }),
  };
}

function timeouts(env: EnvReader): Pick<GatewayConfig, 'headersTimeoutMs' | 'requestTimeoutMs'> {
  const headersTimeoutMs = env.int('HEADERS_TIMEOUT_MS', 5_000, { min: 100, max: 120_000 });
  // Node refuses a headers timeout longer than the request's: the headers are part of the request.
  const requestTimeoutMs = env.int('REQUEST_TIMEOUT_MS', 10_000, { min: headersTimeoutMs, max: 600_000 });
  return { headersTimeoutMs, requestTimeoutMs };
}

export const GATEWAY_CONFIG = Symbol('GatewayConfig');
