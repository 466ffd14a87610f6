import { Client } from 'pg';
import { RPC_SERVICES } from '@envrefresh/contracts';
import {
  TestDatabase,
  createTestDatabase,
  createTestNamespace,
  deleteAmqpNamespace,
  testAmqpUrl,
  testServiceEnv,
} from '@envrefresh/testing';
import { RunningApp, migrateSchemas, startApp, waitUntilReady } from '../../support/app-processes';
import { namespaceNames } from '@envrefresh/testing';
import { waitForConsumers } from '../../support/queue-consumers';
import { ApiClient } from './api-client';
import { EventPublisher } from './event-publisher';

/**
 * Lifted for these suites: they fire hundreds of requests per user on purpose, some of them at
 * once, and the gateway's per-user limits would otherwise turn the behaviour under test into 429s.
 */
const GATEWAY_ENV = { RATE_LIMIT_PER_MINUTE: '1000000', MAX_IN_FLIGHT_PER_USER: '1000000' };

/** Services whose event consumers must be bound before the suite publishes or files anything. */
const CONSUMERS = ['intents', 'conflicts', 'scheduling', 'notifications'] as const;

export interface ApiSuite {
  namespace: string;
  amqpUrl: string;
  exchange: string;
  database: TestDatabase;
  /** A superuser connection to the suite's own database, for what no API shows. */
  db: Client;
  api: ApiClient;
  events: EventPublisher;
  apps: RunningApp[];
}

/**
 * One spec file's world: its own database and AMQP namespace, the five built apps as real
 * processes, and a client of the gateway. Registers beforeAll/afterAll; read fields inside tests.
 */
export interface ApiSuiteOptions {
  /** Extra environment for one backend service, e.g. `{ conflicts: { CONFLICT_RULES: 'DEPENDENCY=off' } }`. */
  serviceEnv?: Partial<Record<(typeof RPC_SERVICES)[number], Record<string, string>>>;
  /** Extra environment for the gateway, over the lifted limits, e.g. `{ MAX_IN_FLIGHT_PER_USER: '8' }`. */
  gatewayEnv?: Record<string, string>;
}

export function useApiSuite(options: ApiSuiteOptions = {}): ApiSuite {
  const suite = {} as ApiSuite;
  const apps: RunningApp[] = [];

  beforeAll(async () => {
    suite.amqpUrl = testAmqpUrl();
    suite.namespace = createTestNamespace();
    suite.exchange = `${suite.namespace}.events`;
    suite.apps = apps;
    suite.database = await createTestDatabase();
    const backendEnv = testServiceEnv({
      databaseUrl: suite.database.url,
      amqpUrl: suite.amqpUrl,
      namespace: suite.namespace,
    });
    await migrateSchemas(backendEnv);
    const started = await Promise.all([
      ...RPC_SERVICES.map((service) =>
        startApp(service, { ...backendEnv, ...(options.serviceEnv?.[service] ?? {}) }),
      ),
      startApp(
        'gateway',
        testServiceEnv({
          amqpUrl: suite.amqpUrl,
          namespace: suite.namespace,
          extra: { ...GATEWAY_ENV, ...options.gatewayEnv },
        }),
      ),
    ]);
    apps.push(...started);
    await Promise.all(apps.map((app) => waitUntilReady(app)));
    await waitForConsumers(
      suite.amqpUrl,
      CONSUMERS.map((service) => `${suite.namespace}.${service}.events`),
    );
    suite.api = new ApiClient(apps.find((app) => app.name === 'gateway')!.baseUrl);
    suite.db = new Client({ connectionString: suite.database.url });
    await suite.db.connect();
    suite.events = await EventPublisher.connect(suite.amqpUrl, suite.exchange);
  }, 90_000);

  afterAll(async () => {
    if (process.env.API_SUITE_LOGS === '1') {
      for (const app of apps) process.stderr.write(`--- ${app.name}\n${appOutput(suite, app.name)}\n`);
    }
    await suite.events?.close();
    await suite.db?.end().catch(() => undefined);
    await Promise.all(apps.map((app) => app.process.stop()));
    await suite.database?.drop();
    if (suite.namespace) await deleteAmqpNamespace(suite.amqpUrl, namespaceNames(suite.namespace));
  }, 30_000);

  return suite;
}

/** The last lines an app printed (API_SUITE_LOGS=1 prints every app's after the spec). */
export function appOutput(suite: ApiSuite, name: string, lines = 60): string {
  const app = suite.apps.find((candidate) => candidate.name === name);
  if (!app) return '';
  return `${app.process.stderr()}${app.process.stdout()}`.trim().split('\n').slice(-lines).join('\n');
}
