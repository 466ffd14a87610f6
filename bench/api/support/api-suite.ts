import { generateKeyPairSync } from 'node:crypto';
import { APP_NAMES, AppName } from '@envrefresh/config';
import { RPC_SERVICES } from '@envrefresh/contracts';
import { ChildApp, MemoryUse, runChildToExit, startChildApp } from './child-app';
import { freePort } from '@envrefresh/testing';
import { waitUntilAnswering } from './wait-until-answering';

export interface SuiteSettings {
  databaseUrl: string;
  amqpUrl: string;
  namespace: string;
  jwtSecret: string;
  logLevel: string;
  /** Variables one app gets beyond the suite's own, e.g. the outbound policy for a bench's local receivers. */
  appEnvironment?: Partial<Record<AppName, Record<string, string>>>;
  /** OTLP variables every app gets (tracing on); none, tracing off. */
  tracing?: Record<string, string>;
}

/** The gateway signs each RPC's user assertion; every service checks it (ADR 0017). Production needs both. */
const USER_PROOF_KEYS = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    SERVICE_ASSERTION_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    SERVICE_ASSERTION_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
})();

export interface RunningSuite {
  gatewayUrl: string;
  apps: ChildApp[];
  memory(): Record<AppName, MemoryUse>;
  /** Stops every app with SIGTERM, all at once; reports the ones that did not exit cleanly. */
  stop(): Promise<string[]>;
}

/** The gateway's ceiling: about 16,700 req/s for the single bench user, far above what one machine serves. */
const RATE_LIMIT_OUT_OF_REACH = '1000000';

export function environmentOf(settings: SuiteSettings, app: AppName, port: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: settings.logLevel,
    PORT: String(port),
    AMQP_URL: settings.amqpUrl,
    AMQP_NAMESPACE: settings.namespace,
    EVENTS_EXCHANGE: `${settings.namespace}.events`,
    JWT_SECRET: settings.jwtSecret,
    ...(app === 'gateway'
      ? {
          RATE_LIMIT_PER_MINUTE: RATE_LIMIT_OUT_OF_REACH,
          MAX_IN_FLIGHT_PER_USER: RATE_LIMIT_OUT_OF_REACH,
          SERVICE_ASSERTION_PRIVATE_KEY: USER_PROOF_KEYS.SERVICE_ASSERTION_PRIVATE_KEY,
        }
      : {
          DATABASE_URL: settings.databaseUrl,
          SERVICE_ASSERTION_PUBLIC_KEY: USER_PROOF_KEYS.SERVICE_ASSERTION_PUBLIC_KEY,
        }),
    ...settings.tracing,
    ...settings.appEnvironment?.[app],
  };
}

/** Applies every backend's migrations with its own CLI, as `npm run migrate` does. */
export async function migrateSuite(settings: SuiteSettings): Promise<void> {
  await Promise.all(
    RPC_SERVICES.map((app) =>
      runChildToExit(`migrate ${app}`, `dist/apps/${app}/src/migrate.js`, {
        DATABASE_URL: settings.databaseUrl,
        LOG_LEVEL: 'warn',
      }),
    ),
  );
}

/**
 * Starts the five built apps as production runs them, each its own process. `onStarted` sees
 * each process as soon as it exists, so a failure half-way still stops what was started.
 */
export async function startSuite(
  settings: SuiteSettings,
  onStarted: (app: ChildApp) => void,
): Promise<RunningSuite> {
  const started = await Promise.all(
    APP_NAMES.map(async (name) => {
      const port = await freePort();
      const app = startChildApp(name, `dist/apps/${name}/src/main.js`, environmentOf(settings, name, port));
      onStarted(app);
      return { name, app, baseUrl: `http://127.0.0.1:${port}` };
    }),
  );
  await Promise.all(started.map(({ app, baseUrl }) => waitUntilAnswering(app, `${baseUrl}/health/ready`)));
  const apps = started.map(({ app }) => app);
  return {
    gatewayUrl: started.find(({ name }) => name === 'gateway')!.baseUrl,
    apps,
    memory: () =>
      Object.fromEntries(started.map(({ name, app }) => [name, app.memory()])) as Record<AppName, MemoryUse>,
    stop: () => stopApps(apps),
  };
}

export async function stopApps(apps: readonly ChildApp[]): Promise<string[]> {
  const exits = await Promise.all(apps.map(async (app) => ({ app, exit: await app.stop() })));
  return exits
    .filter(({ exit }) => exit.code !== 0 && exit.signal !== 'SIGTERM')
    .map(
      ({ app, exit }) =>
        `${app.name} exited ${exit.code ?? exit.signal}:\n${app.output().trim().split('\n').slice(-15).join('\n')}`,
    );
}
