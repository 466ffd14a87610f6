import { AppName, DEFAULT_PORTS } from './app-name';
import { AmqpUsers, readAmqpUsers } from './amqp-users';
import { EnvReader } from './env-reader';
import { TracingConfig, readTracingConfig } from './tracing-config';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What every app needs from its environment. */
export interface ServiceConfig {
  app: AppName;
  nodeEnv: string;
  production: boolean;
  port: number;
  logLevel: LogLevel;
  /** Absent for the gateway, which persists nothing. */
  databaseUrl?: string;
  /** `<APP>_AMQP_URL`, else `AMQP_URL`: each app connects as its own broker user. */
  amqpUrl: string;
  /** The broker user of every app, so a consumer knows who may publish what. */
  amqpUsers: AmqpUsers;
  eventsExchange: string;
  /** Prefix of every queue and RPC queue name; tests set their own so runs never meet. */
  amqpNamespace: string;
  /** Believe X-Forwarded-For (behind an ingress); off by default so clients cannot pick their own IP. */
  trustProxy: boolean;
  /** Where traces go; absent when tracing is off (no OTEL_EXPORTER_OTLP_ENDPOINT). */
  tracing?: TracingConfig;
}

export function readServiceConfig(
  app: AppName,
  env: EnvReader,
  needsDatabase = app !== 'gateway',
): ServiceConfig {
  const nodeEnv = env.string('NODE_ENV', 'development');
  const upper = app.toUpperCase();
  const databaseUrl = needsDatabase
    ? env.url('DATABASE_URL', ['postgres', 'postgresql'], {
        from: [`${upper}_DATABASE_URL`],
        example: 'postgres://postgres@127.0.0.1:5432/envrefresh',
      })
    : undefined;
  const amqpNamespace = env.string('AMQP_NAMESPACE', 'envrefresh');
  if (!/^[A-Za-z0-9_.-]+$/.test(amqpNamespace))
    env.fail('AMQP_NAMESPACE may hold only letters, digits, ".", "_" and "-"');
  return {
    app,
    nodeEnv,
    production: nodeEnv === 'production',
    port: env.int('PORT', DEFAULT_PORTS[app], { min: 0, max: 65535 }),
    logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    databaseUrl,
    amqpUrl: env.url('AMQP_URL', ['amqp', 'amqps'], {
      from: [`${upper}_AMQP_URL`],
      example: 'amqp://guest:guest@127.0.0.1:5672',
    }),
    amqpUsers: readAmqpUsers(env),
    eventsExchange: env.string('EVENTS_EXCHANGE', `${amqpNamespace}.events`),
    amqpNamespace,
    trustProxy: env.bool('TRUST_PROXY', false),
    // Read again here (startTracing read it before anything loaded) so a mistake is reported with the rest.
    tracing: readTracingConfig(app, env),
  };
}
