import * as amqp from 'amqplib';
import { Client } from 'pg';
import { EnvReader } from '@envrefresh/config';
import {
  Actor,
  EnvironmentView,
  EventDefinition,
  EventEnvelope,
  IntentView,
  RemoteProblem,
  RpcContract,
  RpcReplyOf,
  createEnvelope,
  environmentsCreateRpc,
  intentsCreateRpc,
} from '@envrefresh/contracts';
import {
  MessagingLifecycle,
  RemoteProblemError,
  RpcClient,
  consumerTopology,
  declaredNames,
  rpcQueue,
} from '@envrefresh/messaging';
import { runMigrations } from '@envrefresh/persistence';
import { createServiceApp, readServiceRuntimeConfig } from '@envrefresh/platform';
import {
  ProbeQueue,
  TestDatabase,
  bindProbeQueue,
  createTestDatabase,
  createTestNamespace,
  deleteAmqpNamespace,
  eventually,
  testAmqpUrl,
  testServiceEnv,
} from '@envrefresh/testing';
import { IntentsAppModule } from '../../src/intents-app.module';
import { INTENTS_MIGRATIONS } from '../../src/migrations';

type App = Awaited<ReturnType<typeof createServiceApp>>;

const RETRY_DELAYS_MS = [200, 400];

/** The callers the specs play; the gateway would hand the service these verified claims. */
const ACTORS = {
  admin: { sub: 'ada', name: 'Ada Admin', roles: ['admin'], groups: ['platform'] },
  otherAdmin: { sub: 'alan', name: 'Alan Admin', roles: ['admin'], groups: [] },
  requester: { sub: 'rita', name: 'Rita Requester', roles: ['requester'], groups: ['qa'] },
  otherRequester: { sub: 'rob', name: 'Rob Requester', roles: ['requester'], groups: ['qa'] },
  approver: { sub: 'april', name: 'April Approver', roles: ['approver'], groups: ['payments'] },
  secondApprover: { sub: 'arthur', roles: ['approver'], groups: ['payments'] },
  operator: { sub: 'otto', roles: ['operator'], groups: ['payments'] },
  outsider: { sub: 'olga', roles: ['approver'], groups: ['marketing'] },
  viewer: { sub: 'vic', roles: ['viewer'], groups: ['payments'] },
} satisfies Record<string, Actor>;

export const actors: Record<keyof typeof ACTORS, Actor> = ACTORS;

/**
 * The intents service in-process, as production builds it (Nest, RPC server on its queue, outbox
 * relay, event consumer), on a database and an AMQP namespace of its own. Specs call it through
 * RpcClient exactly as the gateway does, and see its events on a probe queue.
 */
export class IntentsTestBed {
  readonly amqpUrl = testAmqpUrl();
  readonly namespace = createTestNamespace();
  readonly exchange = `${this.namespace}.events`;
  private app?: App;
  private client?: RpcClient;
  private publisher?: amqp.ChannelModel;
  db!: Client;
  probe!: ProbeQueue;
  private database!: TestDatabase;

  static async start(): Promise<IntentsTestBed> {
    const bed = new IntentsTestBed();
    await bed.boot();
    return bed;
  }

  get databaseUrl(): string {
    return this.database.url;
  }

  private async boot(): Promise<void> {
    this.database = await createTestDatabase();
    await runMigrations({
      url: this.database.url,
      schema: 'intents',
      migrations: INTENTS_MIGRATIONS,
      applicationName: 'intents-spec:migrate',
    });
    const env = testServiceEnv({
      databaseUrl: this.database.url,
      amqpUrl: this.amqpUrl,
      namespace: this.namespace,
      extra: { MESSAGING_RETRY_DELAYS_MS: RETRY_DELAYS_MS.join(','), OUTBOX_POLL_INTERVAL_MS: '50' },
    });
    const reader = new EnvReader(env);
    const config = readServiceRuntimeConfig('intents', reader);
    reader.done();
    this.app = await createServiceApp({ config, module: IntentsAppModule.register(config), rpc: true });
    await this.app.init();
    await this.app.get(MessagingLifecycle).consumerReady();
    this.client = new RpcClient({
      amqpUrl: this.amqpUrl,
      namespace: this.namespace,
      service: 'intents',
      timeoutMs: 15_000,
      volumeThreshold: 1_000,
    });
    this.db = new Client({ connectionString: this.database.url });
    await this.db.connect();
    this.probe = await bindProbeQueue(this.amqpUrl, this.exchange, ['intent.*', 'environment.upserted']);
  }

  /** Sends one RPC as the gateway would; a refusal rejects with RemoteProblemError. */
  call<TContract extends RpcContract>(
    contract: TContract,
    request: { actor: Actor; payload: unknown; idempotencyKey?: string },
  ): Promise<RpcReplyOf<TContract>> {
    return (this.client as RpcClient).send<RpcReplyOf<TContract>>(contract.pattern, request);
  }

  /** The problem a call was refused with; fails the spec when the call succeeds. */
  async problem<TContract extends RpcContract>(
    contract: TContract,
    request: { actor: Actor; payload: unknown; idempotencyKey?: string },
  ): Promise<RemoteProblem & { blockingConflictIds?: string[] }> {
    try {
      const reply = await this.call(contract, request);
      throw new Error(`expected ${contract.pattern} to be refused, but it answered ${JSON.stringify(reply)}`);
    } catch (error) {
      if (error instanceof RemoteProblemError) return error.problem;
      throw error;
    }
  }

  async createEnvironment(
    overrides: Record<string, unknown> = {},
    actor: Actor = actors.admin,
  ): Promise<EnvironmentView> {
    const key = (overrides.key as string | undefined) ?? `env-${Math.random().toString(36).slice(2, 10)}`;
    return this.call(environmentsCreateRpc, {
      actor,
      payload: { key, name: `Environment ${key}`, tier: 'UAT', ownerGroup: 'payments', ...overrides },
    });
  }

  async fileIntent(
    environmentId: string,
    overrides: Record<string, unknown> = {},
    actor: Actor = actors.requester,
  ): Promise<IntentView> {
    return this.call(intentsCreateRpc, {
      actor,
      payload: {
        environmentId,
        refreshType: 'MASKED_COPY',
        plannedStart: '2030-03-01T22:00:00+01:00',
        plannedEnd: '2030-03-02T02:00:00+01:00',
        reason: 'Masked production copy for the regression cycle',
        ...overrides,
      },
    });
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

  /** Publishes an envelope as it stands, so a spec can deliver the very same event twice. */
  async publishEnvelope(envelope: EventEnvelope): Promise<void> {
    const { correlationId } = envelope;
    if (!this.publisher) {
      this.publisher = await amqp.connect(this.amqpUrl);
      this.publisher.on('error', () => undefined);
    }
    const channel = await this.publisher.createConfirmChannel();
    channel.publish(this.exchange, envelope.type, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      contentType: 'application/json',
      messageId: envelope.id,
      headers: { 'x-correlation-id': correlationId },
    });
    await channel.waitForConfirms();
    await channel.close();
  }

  /**
   * Waits until the stored intent reaches a status, by reading the database: polling over RPC would
   * spend the RPC queue's unacknowledged-delivery budget (see the report on rpcServerOptions).
   */
  async waitForStatus(intentId: string, status: string): Promise<void> {
    await eventually(async () => {
      const { rows } = await this.db.query('SELECT status FROM intents.refresh_intents WHERE id = $1', [
        intentId,
      ]);
      expect(rows[0]?.status).toBe(status);
    });
  }

  /** Events seen by the probe for one intent or environment, in arrival order. */
  eventsAbout(id: string): { type: string; data: Record<string, unknown>; correlationId: string }[] {
    return this.probe.messages
      .map((message) =>
        message.json<{ type: string; data: Record<string, unknown>; correlationId: string }>(),
      )
      .filter((event) => event.data.id === id);
  }

  async close(): Promise<void> {
    await this.probe?.close().catch(() => undefined);
    await this.client?.close().catch(() => undefined);
    await this.publisher?.close().catch(() => undefined);
    await this.app?.close();
    await this.db?.end().catch(() => undefined);
    await this.database?.drop();
    const topology = declaredNames(consumerTopology(this.namespace, 'intents', RETRY_DELAYS_MS));
    await deleteAmqpNamespace(this.amqpUrl, {
      queues: [...topology.queues, rpcQueue(this.namespace, 'intents')],
      exchanges: [...topology.exchanges, this.exchange],
    });
  }
}
