import {
  AppName,
  DatabaseTimeouts,
  EnvReader,
  ServiceConfig,
  readDatabaseTimeouts,
  readServiceConfig,
} from '@envrefresh/config';
import { UserProofVerificationConfig, readUserProofVerificationConfig } from '@envrefresh/auth';
import { DEFAULT_EVENT_RETENTION } from '@envrefresh/contracts';
import { ConsumerDefaults, MessagingOptions, readMessagingOptions } from '@envrefresh/messaging';

/** Everything a backend service reads from its environment; its schema is named after it. */
export interface ServiceRuntimeConfig extends ServiceConfig {
  schema: string;
  /** Connections the service's pool may open; several replicas and services share max_connections. */
  databasePoolSize: number;
  /** statement, lock and idle-in-transaction limits of every pooled connection. */
  databaseTimeouts: DatabaseTimeouts;
  messaging: MessagingOptions;
  /** `EVENT_RETENTION`: how long the event stream keeps every event for late consumers. */
  eventRetentionMs: number;
  /** `IDEMPOTENCY_KEY_RETENTION`: how long an Idempotency-Key replays its first answer before it is purged. */
  idempotencyKeyRetentionMs: number;
  /** `TEST_CLOCK_OFFSET_MS`: shifts business time for multi-process tests; ignored in production. */
  testClockOffsetMs: number;
  /** The gateway's public key(s) that user assertions are checked with (ADR 0017). */
  userProof: UserProofVerificationConfig;
}

const TEN_YEARS_MS = 10 * 366 * 86_400_000;

export function readServiceRuntimeConfig(
  app: Exclude<AppName, 'gateway'>,
  env: EnvReader,
  consumerDefaults: ConsumerDefaults = {},
): ServiceRuntimeConfig {
  const service = readServiceConfig(app, env);
  return {
    ...service,
    schema: app,
    databasePoolSize: env.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    databaseTimeouts: readDatabaseTimeouts(app, env),
    messaging: readMessagingOptions(service, env, app, consumerDefaults),
    eventRetentionMs: env.durationMs('EVENT_RETENTION', DEFAULT_EVENT_RETENTION, {
      minMs: 60_000,
      maxMs: TEN_YEARS_MS,
    }),
    idempotencyKeyRetentionMs: env.durationMs('IDEMPOTENCY_KEY_RETENTION', 'P7D', {
      minMs: 3_600_000,
      maxMs: TEN_YEARS_MS,
    }),
    testClockOffsetMs: env.int('TEST_CLOCK_OFFSET_MS', 0, { min: -TEN_YEARS_MS, max: TEN_YEARS_MS }),
    userProof: readUserProofVerificationConfig(env, service.production),
  };
}
