import { AppName, EnvReader, ServiceConfig, readServiceConfig } from '@envrefresh/config';
import { MessagingOptions, readMessagingOptions } from '@envrefresh/messaging';

/** Everything a backend service reads from its environment; its schema is named after it. */
export interface ServiceRuntimeConfig extends ServiceConfig {
  schema: string;
  /** Connections the service's pool may open; several replicas and services share max_connections. */
  databasePoolSize: number;
  messaging: MessagingOptions;
  /** `TEST_CLOCK_OFFSET_MS`: shifts business time for multi-process tests; ignored in production. */
  testClockOffsetMs: number;
}

const TEN_YEARS_MS = 10 * 366 * 86_400_000;

export function readServiceRuntimeConfig(
  app: Exclude<AppName, 'gateway'>,
  env: EnvReader,
): ServiceRuntimeConfig {
  const service = readServiceConfig(app, env);
  return {
    ...service,
    schema: app,
    databasePoolSize: env.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    messaging: readMessagingOptions(service, env, app),
    testClockOffsetMs: env.int('TEST_CLOCK_OFFSET_MS', 0, { min: -TEN_YEARS_MS, max: TEN_YEARS_MS }),
  };
}
