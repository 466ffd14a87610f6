import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EnvReader } from '@envrefresh/config';
import { Actor, EnvironmentTier, RemoteProblem, RpcContract, RpcReplyOf } from '@envrefresh/contracts';
import {
  MessagingLifecycle,
  RemoteProblemError,
  RpcClient,
  consumerTopology,
  declaredNames,
  rpcQueue,
} from '@envrefresh/messaging';
import { runMigrations } from '@envrefresh/persistence';
import { createServiceApp } from '@envrefresh/platform';
import {
  ProbeQueue,
  TestDatabase,
  bindProbeQueue,
  createTestDatabase,
  createTestNamespace,
  deleteAmqpNamespace,
  testAmqpUrl,
  testServiceEnv,
} from '@envrefresh/testing';
import { ConflictsAppModule } from '../../src/conflicts-app.module';
import { readConflictsConfig } from '../../src/conflicts.config';
import { CONFLICTS_MIGRATIONS } from '../../src/migrations';

type App = Awaited<ReturnType<typeof createServiceApp>>;

const RETRY_DELAYS_MS = [200, 400];

/** The callers the specs play; the gateway would hand the service these verified claims. */
const ACTORS = {
  admin: { sub: 'ada', name: 'Ada Admin', email: 'ada@example.com', roles: ['admin'], groups: ['platform'] },
  requester: { sub: 'rita', name: 'Rita Requester', roles: ['requester'], groups: ['qa'] },
  colleague: { sub: 'rob', name: 'Rob Requester', roles: ['requester'], groups: ['qa', 'payments'] },
  approver: { sub: 'april', roles: ['approver'], groups: ['payments'] },
  operator: { sub: 'otto', roles: ['operator'], groups: ['qa'] },
  outsider: { sub: 'olga', roles: ['requester'], groups: ['marketing'] },
  viewer: { sub: 'vic', roles: ['viewer'], groups: ['qa'] },
} satisfies Record<string, Actor>;

export const actors: Record<keyof typeof ACTORS, Actor> = ACTORS;

export interface SeededEnvironment {
  id: string;
  key: string;
  tier: EnvironmentTier;
}

/** The members of an event envelope the specs look at. */
export interface OutboxEvent {
  type: string;
  data: Record<string, unknown>;
  correlationId: string;
}

/**
 * The conflicts service in-process, as production builds it (Nest, RPC server on its queue, outbox
 * relay, event consumer), on a database and an AMQP namespace of its own. Specs call it through
 * RpcClient exactly as the gateway does, write the environments projection directly (it is fed by
 * events the specs need not replay), and see the events on a probe queue and in the outbox.
 */
export class ConflictsTestBed {
  readonly amqpUrl = testAmqpUrl();
  readonly namespace = createTestNamespace();
  readonly exchange = `${this.namespace}.events`;
  private app?: App;
  private client?: RpcClient;
  db!: Client;
  probe!: ProbeQueue;
  private database!: TestDatabase;

  static async start(probeKeys: string[]): Promise<ConflictsTestBed> {
    const bed = new ConflictsTestBed();
    await bed.boot(probeKeys);
    return bed;
  }

  private async boot(probeKeys: string[]): Promise<void> {
    this.database = await createTestDatabase();
    await runMigrations({
      url: this.database.url,
      schema: 'conflicts',
      migrations: CONFLICTS_MIGRATIONS,
      applicationName: 'conflicts-spec:migrate',
    });
    const env = testServiceEnv({
      databaseUrl: this.database.url,
      amqpUrl: this.amqpUrl,
      namespace: this.namespace,
      extra: { MESSAGING_RETRY_DELAYS_MS: RETRY_DELAYS_MS.join(','), OUTBOX_POLL_INTERVAL_MS: '50' },
    });
    const reader = new EnvReader(env);
    const config = readConflictsConfig(reader);
    reader.done();
    this.app = await createServiceApp({ config, module: ConflictsAppModule.register(config), rpc: true });
    await this.app.init();
    await this.app.get(MessagingLifecycle).consumerReady();
    this.client = new RpcClient({
      amqpUrl: this.amqpUrl,
      namespace: this.namespace,
      service: 'conflicts',
      timeoutMs: 15_000,
      volumeThreshold: 1_000,
    });
    this.db = new Client({ connectionString: this.database.url });
    await this.db.connect();
    this.probe = await bindProbeQueue(this.amqpUrl, this.exchange, probeKeys);
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
  ): Promise<RemoteProblem & { code?: string }> {
    try {
      const reply = await this.call(contract, request);
      throw new Error(`expected ${contract.pattern} to be refused, but it answered ${JSON.stringify(reply)}`);
    } catch (error) {
      if (error instanceof RemoteProblemError) return error.problem as RemoteProblem & { code?: string };
      throw error;
    }
  }

  /** A row of the environments projection, as the lead's `environment.upserted` handler keeps it. */
  async seedEnvironment(tier: EnvironmentTier = 'UAT', ownerGroup = 'payments'): Promise<SeededEnvironment> {
    const id = randomUUID();
    const key = `env-${id.slice(0, 8)}`;
    await this.db.query(
      `INSERT INTO conflicts.environments (id, key, name, tier, owner_group, timezone, version)
       VALUES ($1, $2, $3, $4, $5, 'UTC', 1)`,
      [id, key, `Environment ${key}`, tier, ownerGroup],
    );
    return { id, key, tier };
  }

  /** The events the service's outbox holds about one resource, oldest first (published or not). */
  async outboxEventsAbout(id: string): Promise<OutboxEvent[]> {
    const { rows } = await this.db.query<{ payload: OutboxEvent }>(
      `SELECT payload FROM conflicts.outbox WHERE payload -> 'data' ->> 'id' = $1 ORDER BY seq`,
      [id],
    );
    return rows.map((row) => row.payload);
  }

  /**
   * Holds an exclusive lock on the outbox from a session of its own until `release`, so a spec can
   * look at the database while a command waits to append its event.
   */
  async lockOutbox(): Promise<{ release(): Promise<void> }> {
    const session = new Client({ connectionString: this.database.url });
    await session.connect();
    await session.query('BEGIN');
    await session.query('LOCK TABLE conflicts.outbox IN EXCLUSIVE MODE');
    return {
      release: async () => {
        await session.query('ROLLBACK');
        await session.end();
      },
    };
  }

  /** How many sessions wait for the outbox lock in order to append an event. */
  async outboxInsertsWaiting(): Promise<number> {
    const { rows } = await this.db.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.relation = 'conflicts.outbox'::regclass AND NOT l.granted
          AND a.query ILIKE 'INSERT INTO %outbox%'`,
    );
    return rows[0].waiting;
  }

  /** Events the probe received about one resource, in arrival order. */
  publishedEventsAbout(id: string): OutboxEvent[] {
    return this.probe.messages
      .map((message) => message.json<OutboxEvent>())
      .filter((event) => event.data.id === id);
  }

  async close(): Promise<void> {
    await this.probe?.close().catch(() => undefined);
    await this.client?.close().catch(() => undefined);
    await this.app?.close();
    await this.db?.end().catch(() => undefined);
    await this.database?.drop();
    const topology = declaredNames(consumerTopology(this.namespace, 'conflicts', RETRY_DELAYS_MS));
    await deleteAmqpNamespace(this.amqpUrl, {
      queues: [...topology.queues, rpcQueue(this.namespace, 'conflicts')],
      exchanges: [...topology.exchanges, this.exchange],
    });
  }
}
