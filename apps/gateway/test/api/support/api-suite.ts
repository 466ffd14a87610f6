import { Client } from 'pg';
import { APP_NAMES, AppName } from '@envrefresh/config';
import { RPC_SERVICES } from '@envrefresh/contracts';
import { brokerGrants } from '@envrefresh/messaging';
import {
  TestBrokerAccount,
  TestGrant,
  TestVhost,
  WIDE_GRANT,
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
import { EventPublisher, ownerOfOrFail } from './event-publisher';

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
  /**
   * Starts one more gateway replica on the suite's broker and namespace (ADR 0031), ready, stopped
   * with the others; `viaBroker` rewrites its broker URL (e.g. through a TCP proxy).
   */
  startGateway(options?: { viaBroker?: (url: string) => string }): Promise<RunningApp>;
  /** With `brokerIdentities`: the suite's vhost, and an account outside envrefresh with wide permissions on it. */
  broker?: { vhost: TestVhost<BrokerAccount>; attacker: TestBrokerAccount };
}

/** The accounts of a suite run with broker identities: each app's, an attacker's, and the suite's observer. */
type BrokerAccount = AppName | 'attacker' | 'observer';

/**
 * One spec file's world: its own database and AMQP namespace, the five built apps as real
 * processes, and a client of the gateway. Registers beforeAll/afterAll; read fields inside tests.
 */
export interface ApiSuiteOptions {
  /** Extra environment for one backend service, e.g. `{ conflicts: { CONFLICT_RULES: 'DEPENDENCY=off' } }`. */
  serviceEnv?: Partial<Record<(typeof RPC_SERVICES)[number], Record<string, string>>>;
  /**
   * Runs every app as its own broker user (random names, `AMQP_USERS`) on a vhost of this suite,
   * with the permissions the committed definitions give them: consumers are strict. Test helpers
   * then publish each event as its owner. Off: everyone is guest, as in development.
   */
  brokerIdentities?: boolean;
  /** Extra environment for the gateway, over the lifted limits, e.g. `{ MAX_IN_FLIGHT_PER_USER: '8' }`. */
  gatewayEnv?: Record<string, string>;
}

/** The generated least-privilege grants for this namespace, plus the suite's own accounts. */
function suiteGrants(namespace: string): Record<BrokerAccount, TestGrant> {
  const users = Object.fromEntries(APP_NAMES.map((app) => [app, app])) as Record<AppName, string>;
  const grants = brokerGrants({
    namespace,
    users,
    downstream: { user: 'downstream', queuePrefix: 'downstream.' },
  });
  const byApp = {} as Record<AppName, TestGrant>;
  for (const grant of grants) if (grant.role !== 'downstream') byApp[grant.role] = grant;
  return { ...byApp, attacker: WIDE_GRANT, observer: WIDE_GRANT };
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
    const identities = options.brokerIdentities
      ? await TestVhost.create(suiteGrants(suite.namespace))
      : undefined;
    const amqpEnv = (app: AppName): Record<string, string> => {
      if (!identities) return {};
      const users = APP_NAMES.map((name) => `${name}=${identities.account(name).user}`).join(',');
      return { [`${app.toUpperCase()}_AMQP_URL`]: identities.account(app).url, AMQP_USERS: users };
    };
    if (identities) {
      suite.broker = { vhost: identities, attacker: identities.account('attacker') };
      suite.amqpUrl = identities.account('observer').url;
    }
    const backendEnv = testServiceEnv({
      databaseUrl: suite.database.url,
      amqpUrl: suite.amqpUrl,
      namespace: suite.namespace,
    });
    await migrateSchemas(backendEnv);
    const gatewayEnv = (viaBroker: (url: string) => string = (url) => url): Record<string, string> => {
      const env = testServiceEnv({
        amqpUrl: suite.amqpUrl,
        namespace: suite.namespace,
        extra: { ...GATEWAY_ENV, ...options.gatewayEnv, ...amqpEnv('gateway') },
      });
      for (const name of ['AMQP_URL', 'GATEWAY_AMQP_URL']) if (env[name]) env[name] = viaBroker(env[name]);
      return env;
    };
    suite.startGateway = async ({ viaBroker } = {}) => {
      const gateway = await startApp('gateway', gatewayEnv(viaBroker));
      apps.push(gateway);
      await waitUntilReady(gateway);
      return gateway;
    };
    const started = await Promise.all([
      ...RPC_SERVICES.map((service) =>
        startApp(service, { ...backendEnv, ...amqpEnv(service), ...(options.serviceEnv?.[service] ?? {}) }),
      ),
      startApp('gateway', gatewayEnv()),
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
    suite.events = await EventPublisher.connect(
      identities ? (type) => identities.account(ownerOfOrFail(type) as AppName).url : suite.amqpUrl,
      suite.exchange,
    );
  }, 90_000);

  afterAll(async () => {
    if (process.env.API_SUITE_LOGS === '1') {
      for (const app of apps) process.stderr.write(`--- ${app.name}\n${appOutput(suite, app.name)}\n`);
    }
    await suite.events?.close();
    await suite.db?.end().catch(() => undefined);
    await Promise.all(apps.map((app) => app.process.stop()));
    await suite.database?.drop();
    if (suite.broker) await suite.broker.vhost.delete();
    else if (suite.namespace) await deleteAmqpNamespace(suite.amqpUrl, namespaceNames(suite.namespace));
  }, 30_000);

  return suite;
}

/** The last lines an app printed (API_SUITE_LOGS=1 prints every app's after the spec). */
export function appOutput(suite: ApiSuite, name: string, lines = 60): string {
  const app = suite.apps.find((candidate) => candidate.name === name);
  if (!app) return '';
  return `${app.process.stderr()}${app.process.stdout()}`.trim().split('\n').slice(-lines).join('\n');
}
