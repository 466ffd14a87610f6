import * as amqp from 'amqplib';
import { DataSource } from 'typeorm';
import { createServiceDataSource, runMigrations } from '@envrefresh/persistence';
import {
  createTestDatabase,
  createTestNamespace,
  deleteAmqpNamespace,
  testAmqpUrl,
  TestDatabase,
} from '@envrefresh/testing';
import { amqpUserOf, defaultAmqpUsers } from '@envrefresh/config';
import {
  AmqpConnection,
  BrokerIdentity,
  brokerIdentity,
  consumerTopology,
  CreateMessagingTables1763780000000,
  declaredNames,
  declareEventsExchange,
  EventConsumer,
  EventHandlerFn,
  InboxRepository,
  OutboxRelay,
  OutboxRelayOptions,
  OutboxRepository,
  UnitOfWork,
} from '../../src';
import { envelopeValidator } from './test-events';

export const SCHEMA = 'svc';
export const CONSUMER = 'svc';

export interface TestConsumerOptions {
  retryDelaysMs?: number[];
  prefetch?: number;
  batchSize?: number;
  connection?: AmqpConnection;
  /** The catalog the consumer unbinds the unhandled types of (EventConsumerOptions.knownTypes). */
  knownTypes?: readonly string[];
}

export interface MessagingTestBedOptions {
  /** The broker URL the bed's consumers, relays and raw channel use (default: TEST_AMQP_URL). */
  amqpUrl?: string;
  /**
   * Whom consumers believe. Default: the bed's own user and no service user, i.e. the
   * development mode where only events published as that same user are accepted.
   */
  identity?: BrokerIdentity;
}

/**
 * One spec file's world: its own database (messaging tables in schema `svc`, plus whatever the spec
 * adds) and its own AMQP namespace, with the library's classes built the way MessagingModule builds
 * them. `close()` stops everything it started and deletes what it declared.
 */
export class MessagingTestBed {
  readonly amqpUrl: string;
  readonly identity: BrokerIdentity;
  readonly namespace = createTestNamespace();
  readonly exchange = `${this.namespace}.events`;
  readonly outbox = new OutboxRepository(SCHEMA);
  readonly inbox = new InboxRepository(SCHEMA);
  private readonly dataSources: DataSource[] = [];
  private readonly connections: AmqpConnection[] = [];
  private readonly relays: OutboxRelay[] = [];
  private readonly consumers: EventConsumer[] = [];
  private readonly queues = new Set<string>();
  private readonly exchanges = new Set<string>([this.exchange]);
  private rawConnection?: amqp.ChannelModel;
  private rawChannel?: amqp.ConfirmChannel;

  private constructor(
    private readonly database: TestDatabase,
    readonly dataSource: DataSource,
    options: MessagingTestBedOptions,
  ) {
    this.amqpUrl = options.amqpUrl ?? testAmqpUrl();
    this.identity = options.identity ?? brokerIdentity(this.amqpUrl, defaultAmqpUsers(), () => CONSUMER);
  }

  static async create(
    setupSql: string[] = [],
    options: MessagingTestBedOptions = {},
  ): Promise<MessagingTestBed> {
    const database = await createTestDatabase();
    await runMigrations({
      ...dataSourceOptions(database.url),
      migrations: [CreateMessagingTables1763780000000],
    });
    const dataSource = await createServiceDataSource(dataSourceOptions(database.url)).initialize();
    for (const sql of setupSql) await dataSource.query(sql);
    const bed = new MessagingTestBed(database, dataSource, options);
    bed.dataSources.push(dataSource);
    return bed;
  }

  get databaseUrl(): string {
    return this.database.url;
  }

  /** Another pool on the same database, as a second replica of the service would have. */
  async openDataSource(): Promise<DataSource> {
    const dataSource = await createServiceDataSource(dataSourceOptions(this.database.url)).initialize();
    this.dataSources.push(dataSource);
    return dataSource;
  }

  connect(name: string, url = this.amqpUrl): AmqpConnection {
    const connection = new AmqpConnection({
      url,
      connectionName: `${this.namespace}-${name}`,
      heartbeatSeconds: 2,
    });
    this.connections.push(connection);
    return connection;
  }

  relay(
    connection: AmqpConnection,
    options: Partial<OutboxRelayOptions> = {},
    dataSource = this.dataSource,
  ): OutboxRelay {
    const relay = new OutboxRelay(dataSource, this.outbox, connection, {
      service: SCHEMA,
      exchange: this.exchange,
      batchSize: 50,
      pollIntervalMs: 100,
      publishTimeoutMs: 2_000,
      maxBackoffMs: 1_000,
      userId: this.identity.user,
      ...options,
    });
    this.relays.push(relay);
    return relay;
  }

  unitOfWork(relay?: OutboxRelay): UnitOfWork {
    return new UnitOfWork(this.dataSource, this.outbox, () => relay?.nudge());
  }

  /** A consumer of queue `${namespace}.svc.events`, registered and consuming when this resolves. */
  async consume(
    handlers: Record<string, EventHandlerFn>,
    options: TestConsumerOptions = {},
  ): Promise<EventConsumer> {
    const topology = consumerTopology(this.namespace, CONSUMER, options.retryDelaysMs ?? [200, 400]);
    this.declared(topology);
    const consumer = new EventConsumer(
      options.connection ?? this.connect('consumer'),
      new UnitOfWork(this.dataSource, this.outbox),
      this.inbox,
      new Map(Object.entries(handlers)),
      envelopeValidator(),
      {
        consumer: CONSUMER,
        exchange: this.exchange,
        topology,
        prefetch: options.prefetch ?? 20,
        deliveryLimit: 5,
        batchSize: options.batchSize ?? 10,
        maxConcurrentBatches: 4,
        identity: this.identity,
        knownTypes: options.knownTypes,
      },
    );
    this.consumers.push(consumer);
    await consumer.waitForReady();
    return consumer;
  }

  /** Records names another process declares, so `close()` deletes them too. */
  declared(topology: ReturnType<typeof consumerTopology>): void {
    const names = declaredNames(topology);
    names.queues.forEach((queue) => this.queues.add(queue));
    names.exchanges.forEach((exchange) => this.exchanges.add(exchange));
  }

  /**
   * A plain amqplib confirm channel: what any other publisher (or a misbehaving one) would send.
   * `publishRaw` sends as the bed's own user (user_id set), as a service's relay would.
   */
  async channel(): Promise<amqp.ConfirmChannel> {
    if (!this.rawChannel) {
      this.rawConnection = await amqp.connect(this.amqpUrl);
      this.rawConnection.on('error', () => undefined);
      this.rawChannel = await this.rawConnection.createConfirmChannel();
      await declareEventsExchange(this.rawChannel, this.exchange);
    }
    return this.rawChannel;
  }

  async publishRaw(
    routingKey: string,
    content: Buffer | object,
    properties: amqp.Options.Publish = {},
  ): Promise<void> {
    const channel = await this.channel();
    const body = Buffer.isBuffer(content) ? content : Buffer.from(JSON.stringify(content));
    channel.publish(this.exchange, routingKey, body, {
      persistent: true,
      contentType: 'application/json',
      userId: amqpUserOf(this.amqpUrl),
      ...properties,
    });
    await channel.waitForConfirms();
  }

  /** Consumes a queue (a DLQ, say) from now on; the array fills as messages arrive. */
  async collect(queue: string): Promise<amqp.ConsumeMessage[]> {
    await this.channel();
    const channel = await this.rawConnection!.createChannel();
    const messages: amqp.ConsumeMessage[] = [];
    await channel.consume(queue, (message) => message && messages.push(message), { noAck: true });
    return messages;
  }

  /** Messages ready in a queue (delivered but unacknowledged ones are not counted). */
  async readyCount(queue: string): Promise<number> {
    const channel = await this.channel();
    return (await channel.checkQueue(queue)).messageCount;
  }

  async count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${sql}) AS counted`, params);
    return row.n;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.consumers.map((consumer) => consumer.stop()));
    await Promise.allSettled(this.relays.map((relay) => relay.stop()));
    await Promise.allSettled(this.connections.map((connection) => connection.close()));
    await this.rawConnection?.close().catch(() => undefined);
    await Promise.allSettled(this.dataSources.map((dataSource) => dataSource.destroy()));
    await deleteAmqpNamespace(this.amqpUrl, { queues: [...this.queues], exchanges: [...this.exchanges] });
    await this.database.drop();
  }
}

function dataSourceOptions(url: string) {
  return { url, schema: SCHEMA, applicationName: 'messaging-spec' };
}
