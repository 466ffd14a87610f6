/** Signs the tokens that tests present; apps under test verify with the same value. */
export const TEST_JWT_SECRET = 'envrefresh-test-secret-that-is-long-enough-for-hs256';

export interface TestServiceEnvOptions {
  /** Omit for the gateway, which persists nothing. */
  databaseUrl?: string;
  amqpUrl: string;
  namespace: string;
  extra?: Record<string, string>;
}

/**
 * The environment an app under test reads, whether it is built in-process or spawned as a real
 * process. It holds only envrefresh's own variables: spread it over `process.env` when spawning so
 * PATH and friends survive.
 */
export function testServiceEnv({
  databaseUrl,
  amqpUrl,
  namespace,
  extra = {},
}: TestServiceEnvOptions): Record<string, string> {
  return {
    ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    AMQP_URL: amqpUrl,
    AMQP_NAMESPACE: namespace,
    EVENTS_EXCHANGE: `${namespace}.events`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    // Specs run several sets of five apps at once against one server's max_connections.
    DATABASE_POOL_SIZE: '4',
    MESSAGING_CONCURRENCY: '2',
    // Specs file refreshes years ahead and start them at once; the spec of the rule sets its own.
    START_EARLY_TOLERANCE: 'P3650D',
    // Should a spec fail to delete its namespace, its event stream still empties itself soon.
    EVENT_RETENTION: 'PT1H',
    ...extra,
  };
}
