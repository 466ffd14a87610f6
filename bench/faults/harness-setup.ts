import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client, Pool } from 'pg';
import { defaultAmqpUsers } from '@envrefresh/config';
import { ENVREFRESH_VHOST, envrefreshDefinitions } from '@envrefresh/messaging';
import { rabbitPasswordHash } from '@envrefresh/testing';
import { migrateSuite, SuiteSettings } from '../api/support/api-suite';
import { FactReader } from './invariants/read-facts';
import { ApiClient, RequestLog } from './load/api-client';
import { environmentBody, subscriptionBody } from './load/flows';
import { EnvironmentLeases, LoadWorld, WorldEnvironment } from './load/load-world';
import { OwnPostgresCluster } from './own-services/own-postgres';
import { OwnRabbitNode } from './own-services/own-rabbitmq';
import { CountingReceiver, startCountingReceiver } from './suite/counting-receiver';
import { FaultedSuite } from './suite/faulted-suite';
import { createFaultsTokens, FaultsTokens } from './suite/faults-tokens';

/** The namespace production uses: the committed broker definitions grant exactly its names. */
export const NAMESPACE = 'envrefresh';
const DATABASE = 'envrefresh_faults';
const HARNESS_USER = 'faults-harness';

/**
 * Settings the harness gives the apps beyond production's defaults, each for a reason:
 * the receiver is local plain http; deliveries retry within half a minute (not 24 h) so a run
 * settles; consumer retries wait 0.5–5 s (not up to a minute).
 */
const DELIVERY_RETRY_SCHEDULE = 'PT1S,PT2S,PT4S,PT8S,PT16S';
function appEnvironment(): SuiteSettings['appEnvironment'] {
  const consumerRetries = { MESSAGING_RETRY_DELAYS_MS: '500,2000,5000' };
  return {
    conflicts: consumerRetries,
    scheduling: consumerRetries,
    intents: consumerRetries,
    notifications: {
      ...consumerRetries,
      OUTBOUND_ALLOW_HTTP: 'true',
      OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
      OUTBOUND_TIMEOUT_MS: '2000',
      DELIVERY_RETRY_SCHEDULE,
    },
  };
}

export interface Harness {
  runId: string;
  baseDir: string;
  postgres: OwnPostgresCluster;
  broker: OwnRabbitNode;
  harnessAmqpUrl: string;
  databaseUrl: string;
  suite: FaultedSuite;
  receiver: CountingReceiver;
  tokens: FaultsTokens;
  log: RequestLog;
  world: LoadWorld;
  pool: Pool;
  facts: FactReader;
}

/** Parts made so far, so a failure half-way still tears down what exists. */
export type PartialHarness = Partial<Harness>;

export async function setUpHarness(
  partial: PartialHarness,
  progress: (line: string) => void,
  tokenLifetimeSeconds: number,
): Promise<Harness> {
  const runId = randomBytes(4).toString('hex');
  const baseDir = `/tmp/envrefresh-faults-${runId}`;
  mkdirSync(baseDir, { recursive: true, mode: 0o755 });
  Object.assign(partial, { runId, baseDir });

  progress(`own Postgres cluster in ${baseDir}/postgres`);
  const postgres = await OwnPostgresCluster.create(path.join(baseDir, 'postgres'));
  partial.postgres = postgres;
  await postgres.start();
  const admin = new Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const databaseUrl = postgres.url.replace(/\/postgres$/, `/${DATABASE}`);

  const broker = await OwnRabbitNode.create(path.join(baseDir, 'rabbitmq'), runId);
  partial.broker = broker;
  progress(`own RabbitMQ node ${broker.nodeName} on port ${broker.port}`);
  await broker.start();
  const passwords = new Map<string, string>();
  const definitions = envrefreshDefinitions();
  for (const user of definitions.users) {
    const password = randomBytes(12).toString('hex');
    passwords.set(user.name, password);
    user.password_hash = rabbitPasswordHash(password);
  }
  const harnessPassword = randomBytes(12).toString('hex');
  definitions.users.push({
    name: HARNESS_USER,
    password_hash: rabbitPasswordHash(harnessPassword),
    hashing_algorithm: 'rabbit_password_hashing_sha256',
    tags: [],
  });
  definitions.permissions.push({
    user: HARNESS_USER,
    vhost: ENVREFRESH_VHOST,
    configure: '.*',
    write: '.*',
    read: '.*',
  });
  await broker.importDefinitions(definitions);
  const users = defaultAmqpUsers();
  const harnessAmqpUrl = broker.url(HARNESS_USER, harnessPassword, ENVREFRESH_VHOST);
  Object.assign(partial, { harnessAmqpUrl, databaseUrl });

  const tokens = createFaultsTokens(tokenLifetimeSeconds);
  const receiver = await startCountingReceiver();
  partial.receiver = receiver;
  const settings: SuiteSettings = {
    databaseUrl,
    amqpUrl: harnessAmqpUrl,
    namespace: NAMESPACE,
    jwtSecret: tokens.secret,
    logLevel: 'warn',
    appEnvironment: appEnvironment(),
  };
  progress('migrating');
  await migrateSuite(settings);
  progress('starting 9 processes: the gateway and two replicas of each service, each behind its own proxies');
  const suite = await FaultedSuite.start(settings, {
    postgres: { port: postgres.port, databaseUrl },
    broker: {
      port: broker.port,
      urlOf: (app) => broker.url(users[app], passwords.get(users[app])!, ENVREFRESH_VHOST),
    },
  });
  partial.suite = suite;

  const log = new RequestLog();
  const world = new LoadWorld(runId, new ApiClient(suite.gatewayUrl, log), tokens, receiver.url);
  const pool = new Pool({ connectionString: databaseUrl, max: 3, application_name: 'faults-harness' });
  pool.on('error', () => undefined);
  partial.pool = pool;
  const facts = new FactReader(pool, { node: broker, vhost: ENVREFRESH_VHOST, namespace: NAMESPACE });
  progress('creating environments and webhook subscriptions through the API');
  await seedWorld(world);
  return {
    ...(partial as Harness),
    runId,
    baseDir,
    postgres,
    broker,
    harnessAmqpUrl,
    databaseUrl,
    suite,
    receiver,
    tokens,
    log,
    world,
    pool,
    facts,
  };
}

/** Enough for the lifecycles in flight at the full rate while a fault stalls them for half a minute. */
const LIFECYCLE_ENVIRONMENTS = 16;

async function seedWorld(world: LoadWorld): Promise<void> {
  const make = async (prefix: string, count: number, overrides: Record<string, unknown> = {}) => {
    const made: WorldEnvironment[] = [];
    for (let index = 0; index < count; index += 1) {
      const key = world.marker('environment', prefix);
      const environment = await world.create<{ id: string }>(
        'environment',
        key,
        '/environments',
        world.tokens.admin,
        environmentBody(key, overrides),
      );
      if (!environment) throw new Error(`could not create environment ${key}`);
      made.push({ id: environment.id, key });
    }
    return made;
  };
  world.lifecycleEnvironments = await make('lifecycle', LIFECYCLE_ENVIRONMENTS);
  world.lifecycleLeases = new EnvironmentLeases(world.lifecycleEnvironments);
  // Reminders 10 s ahead and a 5 s grace: every job of a due intent falls due within a minute.
  world.dueEnvironments = await make('due', 3, { reminderLeadTimes: ['PT10S'], overrunGrace: 'PT5S' });
  world.bookingEnvironments = await make('booking', 2);
  [world.blackoutEnvironment] = await make('blackout', 1);
  for (const environment of [...world.lifecycleEnvironments, ...world.dueEnvironments]) {
    const marker = world.marker('subscription');
    const made = await world.create(
      'subscription',
      marker,
      '/subscriptions',
      world.tokens.admin,
      subscriptionBody(world, environment, marker),
    );
    if (!made) throw new Error(`could not subscribe to ${environment.key}`);
  }
}

/** The tail of what each process printed, kept beside the run so a failure can be read after the folder is gone. */
function keepProcessOutput(harness: PartialHarness, progress: (line: string) => void): void {
  if (!harness.suite || !harness.baseDir) return;
  const folder = `${harness.baseDir}-logs`;
  mkdirSync(folder, { recursive: true });
  for (const process of harness.suite.processes)
    writeFileSync(path.join(folder, `${process.label}.log`), process.child.output());
  progress(`the apps' last output is in ${folder}`);
}

export async function tearDownHarness(
  harness: PartialHarness,
  keep: boolean,
  progress: (line: string) => void,
): Promise<void> {
  keepProcessOutput(harness, progress);
  const unclean = (await harness.suite?.stop().catch((error: Error) => [error.message])) ?? [];
  if (unclean.length > 0) progress(`processes that did not stop cleanly: ${unclean.join('; ')}`);
  await harness.receiver?.close();
  await harness.pool?.end().catch(() => undefined);
  if (keep) {
    progress(`kept ${harness.baseDir}: the cluster and broker are stopped only when you stop them`);
    return;
  }
  await harness.broker?.destroy().catch((error: Error) => progress(`stopping the broker: ${error.message}`));
  await harness.postgres?.destroy().catch((error: Error) => progress(`stopping Postgres: ${error.message}`));
  if (harness.baseDir) rmSync(harness.baseDir, { recursive: true, force: true });
}
