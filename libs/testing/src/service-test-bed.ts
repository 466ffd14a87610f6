import * as amqp from 'amqplib';
import { DynamicModule } from '@nestjs/common';
import { Client } from 'pg';
import { DEVELOPMENT_USER_PROOF_PRIVATE_KEY, UserProofSigner, userProofKeyId } from '@envrefresh/auth';
import { createPublicKey } from 'node:crypto';
import { AppName, EnvReader, ServiceConfig, amqpUserOf } from '@envrefresh/config';
import {
  Actor,
  EventDefinition,
  EventEnvelope,
  RemoteProblem,
  RpcContract,
  RpcReplyOf,
  createEnvelope,
  eventStreamName,
} from '@envrefresh/contracts';
import {
  MessagingLifecycle,
  RemoteProblemError,
  RpcClient,
  consumerTopology,
  declaredNames,
  rpcQueue,
} from '@envrefresh/messaging';
import { ServiceDataSourceOptions, runMigrations } from '@envrefresh/persistence';
import { createServiceApp } from '@envrefresh/platform';
import { ProbeQueue, bindProbeQueue } from './amqp-probe';
import { TestDatabase, createTestDatabase } from './test-database';
import { testServiceEnv } from './test-env';
import { createTestNamespace, deleteAmqpNamespace } from './test-namespace';
import { testAmqpUrl } from './test-services';

type App = Awaited<ReturnType<typeof createServiceApp>>;

/** Short, so a spec sees a failed delivery come back; the env and the clean-up must agree on them. */
const RETRY_DELAYS_MS = [200, 400];

/** Another backend service the one under test calls (e.g. intents asks conflicts at approve). */
export interface CompanionService {
  app: Exclude<AppName, 'gateway'>;
  schema: string;
  migrations: ServiceDataSourceOptions['migrations'];
  readConfig(env: EnvReader): ServiceConfig;
  module(config: ServiceConfig): DynamicModule;
}

/** What tells one backend service from another when a spec boots it in-process. */
export interface ServiceTestBedOptions<TConfig extends ServiceConfig> {
  /** Names the service's RPC queue and its consumer's queues. */
  app: Exclude<AppName, 'gateway'>;
  /** The schema its migrations create and fill. */
  schema: string;
  migrations: ServiceDataSourceOptions['migrations'];
  readConfig(env: EnvReader): TConfig;
  module(config: TConfig): DynamicModule;
  /** Routing keys of the events the probe queue collects. */
  probeRoutingKeys: string[];
  /** Variables set over the test defaults (they win). */
  extraEnv?: Record<string, string>;
  /** Real services booted beside it, in the same namespace, each on a database of its own. */
  companions?: CompanionService[];
}

/** One RPC request as a spec plays it: the user it acts for, signed as the gateway would sign it. */
export interface TestRpcRequest {
  actor: Actor;
  payload: unknown;
  idempotencyKey?: string;
}

/** Signs user assertions with the development key the services fall back to (ADR 0017). */
export const TEST_USER_PROOF_SIGNER = new UserProofSigner({
  privateKey: DEVELOPMENT_USER_PROOF_PRIVATE_KEY,
  keyId: userProofKeyId(createPublicKey(DEVELOPMENT_USER_PROOF_PRIVATE_KEY)),
  usingDevelopmentKey: true,
});

/** The members of an event envelope the specs look at. */
export interface ObservedEvent {
  type: string;
  data: Record<string, unknown>;
  correlationId: string;
}

/**
 * A backend service in-process, as production builds it (Nest, RPC server on its queue, outbox
 * relay, event consumer), on a database and an AMQP namespace of its own. Specs call it through
 * RpcClient exactly as the gateway does, read its database, see its events on a probe queue and
 * publish events as another service's relay would. Each service's bed extends it with its helpers.
 */
export class ServiceTestBed<TConfig extends ServiceConfig, TProblem extends RemoteProblem = RemoteProblem> {
  readonly amqpUrl = testAmqpUrl();
  readonly namespace = createTestNamespace();
  readonly exchange = `${this.namespace}.events`;
  db!: Client;
  probe!: ProbeQueue;
  private database?: TestDatabase;
  private app?: App;
  private readonly companionApps: { app: App; database: TestDatabase; name: string }[] = [];
  private readonly clients = new Map<string, RpcClient>();
  private publisher?: amqp.ChannelModel;

  protected constructor(private readonly options: ServiceTestBedOptions<TConfig>) {}

  get databaseUrl(): string {
    return (this.database as TestDatabase).url;
  }

  /** Brings everything up; a failure part way releases what was already taken. */
  protected async boot(): Promise<this> {
    try {
      await this.bootService();
      return this;
    } catch (error) {
      await this.close().catch(() => undefined);
      throw error;
    }
  }

  private async bootService(): Promise<void> {
    const { app, schema, migrations, readConfig, module, probeRoutingKeys, extraEnv = {} } = this.options;
    for (const companion of this.options.companions ?? []) await this.bootCompanion(companion, extraEnv);
    this.database = await createTestDatabase();
    await runMigrations({
      url: this.database.url,
      schema,
      migrations,
      applicationName: `${app}-spec:migrate`,
    });
    const env = testServiceEnv({
      databaseUrl: this.database.url,
      amqpUrl: this.amqpUrl,
      namespace: this.namespace,
      extra: {
        MESSAGING_RETRY_DELAYS_MS: RETRY_DELAYS_MS.join(','),
        OUTBOX_POLL_INTERVAL_MS: '50',
        ...extraEnv,
      },
    });
    const reader = new EnvReader(env);
    const config = readConfig(reader);
    reader.done();
    this.app = await createServiceApp({ config, module: module(config), rpc: true });
    await this.app.init();
    await this.app.get(MessagingLifecycle).consumerReady();
    this.db = new Client({ connectionString: this.database.url });
    await this.db.connect();
    this.probe = await bindProbeQueue(this.amqpUrl, this.exchange, probeRoutingKeys);
  }

  private async bootCompanion(companion: CompanionService, extraEnv: Record<string, string>): Promise<void> {
    const database = await createTestDatabase();
    try {
      await runMigrations({
        url: database.url,
        schema: companion.schema,
        migrations: companion.migrations,
        applicationName: `${companion.app}-spec:migrate`,
      });
      const reader = new EnvReader(
        testServiceEnv({
          databaseUrl: database.url,
          amqpUrl: this.amqpUrl,
          namespace: this.namespace,
          extra: {
            MESSAGING_RETRY_DELAYS_MS: RETRY_DELAYS_MS.join(','),
            OUTBOX_POLL_INTERVAL_MS: '50',
            ...extraEnv,
          },
        }),
      );
      const config = companion.readConfig(reader);
      reader.done();
      const app = await createServiceApp({ config, module: companion.module(config), rpc: true });
      this.companionApps.push({ app, database, name: companion.app });
      await app.init();
      await app.get(MessagingLifecycle).consumerReady();
    } catch (error) {
      if (!this.companionApps.some((entry) => entry.database === database)) await database.drop();
      throw error;
    }
  }

  /** A provider of the running service (its DataSource, say), for what no RPC shows. */
  resolve<T>(token: string | symbol | (abstract new (...args: never[]) => T)): T {
    if (!this.app) throw new Error('the service is not running');
    return this.app.get<T>(token as never);
  }

  /** What the running service's `/health/ready` answers now (status and JSON body), as a probe sees it. */
  async readiness(): Promise<{ status: number; body: Record<string, unknown> }> {
    if (!this.app) throw new Error('the service is not running');
    const response = await this.app.inject({ method: 'GET', url: '/health/ready' });
    return { status: response.statusCode, body: response.json() };
  }

  /** Sends one RPC as the gateway would, with a signed assertion; a refusal rejects with RemoteProblemError. */
  async call<TContract extends RpcContract>(
    contract: TContract,
    { actor, ...request }: TestRpcRequest,
  ): Promise<RpcReplyOf<TContract>> {
    const assertion = await TEST_USER_PROOF_SIGNER.sign(actor, {
      audience: contract.service,
      pattern: contract.pattern,
      request,
    });
    return this.sendRaw(contract, { ...request, assertion });
  }

  /** Sends a request exactly as given (no assertion added): what a client on the broker could send. */
  sendRaw<TContract extends RpcContract>(
    contract: TContract,
    request: object,
  ): Promise<RpcReplyOf<TContract>> {
    return this.clientFor(contract.service).send<RpcReplyOf<TContract>>(contract.pattern, request);
  }

  /** One client per service called: the one under test, or a companion. */
  private clientFor(service: string): RpcClient {
    let client = this.clients.get(service);
    if (!client) {
      client = new RpcClient({
        amqpUrl: this.amqpUrl,
        namespace: this.namespace,
        service,
        timeoutMs: 15_000,
        // Specs are refused on purpose many times in a row; the breaker must not open on them.
        volumeThreshold: 1_000,
      });
      this.clients.set(service, client);
    }
    return client;
  }

  /** The problem a call was refused with; fails the spec when the call succeeds. */
  async problem<TContract extends RpcContract>(
    contract: TContract,
    request: TestRpcRequest,
  ): Promise<TProblem> {
    try {
      const reply = await this.call(contract, request);
      throw new Error(`expected ${contract.pattern} to be refused, but it answered ${JSON.stringify(reply)}`);
    } catch (error) {
      if (error instanceof RemoteProblemError) return error.problem as TProblem;
      throw error;
    }
  }

  /** Publishes an event on the exchange as another service's relay would. */
  async publishEvent<TType extends string, TData>(
    definition: EventDefinition<TType, TData>,
    data: TData,
    correlationId = 'spec-event',
  ): Promise<string> {
    const envelope = createEnvelope(definition, data, { correlationId, causationId: null });
    await this.publishEnvelope(envelope);
    return envelope.id;
  }

  /**
   * Publishes an envelope as it stands, so a spec can deliver the very same event twice. The bed
   * runs everyone as one broker user (development mode), so the event carries that user_id.
   */
  async publishEnvelope(envelope: EventEnvelope): Promise<void> {
    if (!this.publisher) {
      this.publisher = await amqp.connect(this.amqpUrl);
      this.publisher.on('error', () => undefined);
    }
    const channel = await this.publisher.createConfirmChannel();
    channel.publish(this.exchange, envelope.type, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      contentType: 'application/json',
      messageId: envelope.id,
      userId: amqpUserOf(this.amqpUrl),
      headers: { 'x-correlation-id': envelope.correlationId },
    });
    await channel.waitForConfirms();
    await channel.close();
  }

  /** Events the probe received about one resource, in arrival order. */
  publishedEventsAbout(id: string): ObservedEvent[] {
    return this.probe.messages
      .map((message) => message.json<ObservedEvent>())
      .filter((event) => event.data.id === id);
  }

  async close(): Promise<void> {
    const { app } = this.options;
    await this.probe?.close().catch(() => undefined);
    for (const client of this.clients.values()) await client.close().catch(() => undefined);
    await this.publisher?.close().catch(() => undefined);
    await this.app?.close();
    for (const companion of this.companionApps) await companion.app.close().catch(() => undefined);
    await this.db?.end().catch(() => undefined);
    await this.database?.drop();
    for (const companion of this.companionApps) await companion.database.drop().catch(() => undefined);
    const services = [app, ...this.companionApps.map((companion) => companion.name)];
    const topologies = services.map((name) =>
      declaredNames(consumerTopology(this.namespace, name, RETRY_DELAYS_MS)),
    );
    await deleteAmqpNamespace(this.amqpUrl, {
      queues: [
        ...topologies.flatMap((topology, index) => [
          ...topology.queues,
          rpcQueue(this.namespace, services[index]),
        ]),
        eventStreamName(this.namespace),
      ],
      exchanges: [...new Set([...topologies.flatMap((topology) => topology.exchanges), this.exchange])],
    });
  }
}
