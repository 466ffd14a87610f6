import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { amqpUserOf, defaultAmqpUsers } from '@envrefresh/config';
import { EventValidator, createEnvelope, intentRequestedEvent } from '@envrefresh/contracts';
import {
  brokerIdentity,
  AmqpConnection,
  CreateMessagingTables1763780000000,
  EnvelopeValidatorFn,
  EventConsumer,
  EventHandlerFn,
  InboxRepository,
  OutboxRelay,
  OutboxRepository,
  UnitOfWork,
  consumerTopology,
  declaredNames,
} from '@envrefresh/messaging';
import { createServiceDataSource, quoteIdentifier, runMigrations } from '@envrefresh/persistence';
import { BenchBroker } from '../support/bench-broker';
import { ProducerWrite } from '../support/bench-options';
import { CpuCost, startCpuMeter } from '../support/cpu-meter';
import { LatencySummary, nowMs, summarizeLatencies } from '../support/latency';
import { CreateBenchRows1763790000000 } from './bench-rows.migration';
import { CommitObservingUnitOfWork } from './commit-observing.unit-of-work';

export interface PipelineSettings {
  databaseUrl: string;
  amqpUrl: string;
  broker: BenchBroker;
  producers: number;
  relayBatchSize: number;
  relayPollIntervalMs: number;
  prefetch: number;
  producerPoolSize: number;
  consumerPoolSize: number;
  consumerBatchSize: number;
  consumerConcurrency: number;
  producerWrite: ProducerWrite;
}

export interface PipelineRun {
  events: number;
  envelopeBytes: number;
  /** First producer transaction started → last consumer transaction committed. */
  elapsedMs: number;
  eventsPerSecond: number;
  /** Producer transactions committed per second, while the relay and consumer ran alongside. */
  producerCommitsPerSecond: number;
  /** Producer's UnitOfWork.run() resolved → consumer's inbox transaction committed (then acked). */
  latency: LatencySummary;
  /** Per event, over the whole pipeline (both services, relay, broker, database). */
  cpu: CpuCost;
}

const PRODUCER_SCHEMA = 'bench_producer';
const CONSUMER_SCHEMA = 'bench_consumer';
const CONSUMER = 'bench-consumer';
const STALL_LIMIT_MS = 30_000;

/**
 * Two services as they are deployed, in one process: a producer whose business transactions
 * append events to its outbox (UnitOfWork), its OutboxRelay publishing them to the topic exchange,
 * and a consumer (EventConsumer with its inbox) whose handler writes a row of its own. Each side
 * has its own schema, connection pool and broker connection.
 */
export class OutboxPipeline {
  private constructor(
    private readonly settings: PipelineSettings,
    private readonly producerDataSource: DataSource,
    private readonly consumerDataSource: DataSource,
    private readonly producerConnection: AmqpConnection,
    private readonly consumerConnection: AmqpConnection,
    private readonly relay: OutboxRelay,
    private readonly producerUnitOfWork: UnitOfWork,
    private readonly consumerUnitOfWork: CommitObservingUnitOfWork,
    private readonly consumer: EventConsumer,
  ) {}

  static async open(settings: PipelineSettings): Promise<OutboxPipeline> {
    const { databaseUrl, amqpUrl, broker } = settings;
    for (const schema of [PRODUCER_SCHEMA, CONSUMER_SCHEMA]) {
      await runMigrations({
        url: databaseUrl,
        schema,
        applicationName: `envrefresh-bench-migrate`,
        migrations: [CreateMessagingTables1763780000000, CreateBenchRows1763790000000],
      });
    }
    // Whatever was opened before a failure is closed, or its sockets would keep the process alive.
    const opened: Array<() => Promise<unknown>> = [];
    try {
      const producerDataSource = createServiceDataSource({
        url: databaseUrl,
        schema: PRODUCER_SCHEMA,
        applicationName: 'envrefresh-bench-producer',
        poolSize: settings.producerPoolSize,
      });
      const consumerDataSource = createServiceDataSource({
        url: databaseUrl,
        schema: CONSUMER_SCHEMA,
        applicationName: 'envrefresh-bench-consumer',
        poolSize: settings.consumerPoolSize,
      });
      await producerDataSource.initialize();
      opened.push(() => producerDataSource.destroy());
      await consumerDataSource.initialize();
      opened.push(() => consumerDataSource.destroy());

      const producerConnection = await connectToBroker(amqpUrl, 'envrefresh-bench-producer');
      opened.push(() => producerConnection.close());
      const consumerConnection = await connectToBroker(amqpUrl, 'envrefresh-bench-consumer');
      opened.push(() => consumerConnection.close());

      const outbox = new OutboxRepository(PRODUCER_SCHEMA);
      const relay = new OutboxRelay(producerDataSource, outbox, producerConnection, {
        service: 'bench-producer',
        exchange: broker.exchange,
        batchSize: settings.relayBatchSize,
        pollIntervalMs: settings.relayPollIntervalMs,
        publishTimeoutMs: 10_000,
        maxBackoffMs: 5_000,
        userId: amqpUserOf(amqpUrl),
      });
      const producerUnitOfWork = new UnitOfWork(producerDataSource, outbox, () => relay.nudge());

      const topology = consumerTopology(broker.namespace, CONSUMER, [1000]);
      const names = declaredNames(topology);
      broker.track('exchange', broker.exchange);
      for (const exchange of names.exchanges) broker.track('exchange', exchange);
      for (const queue of names.queues) broker.track('queue', queue);

      const consumerUnitOfWork = new CommitObservingUnitOfWork(
        consumerDataSource,
        new OutboxRepository(CONSUMER_SCHEMA),
      );
      const consumerRows = `${quoteIdentifier(CONSUMER_SCHEMA)}.bench_rows`;
      const handler: EventHandlerFn = async (event, context) => {
        await context.manager.query(`INSERT INTO ${consumerRows} (id, note) VALUES ($1, $2)`, [
          event.id,
          event.type,
        ]);
        consumerUnitOfWork.noteHandled(context.manager, event.id);
      };
      const validator = new EventValidator();
      const validate: EnvelopeValidatorFn = (body) =>
        validator.validate(body) as ReturnType<EnvelopeValidatorFn>;
      const consumer = new EventConsumer(
        consumerConnection,
        consumerUnitOfWork,
        new InboxRepository(CONSUMER_SCHEMA),
        new Map([[intentRequestedEvent.type, handler]]),
        validate,
        {
          consumer: CONSUMER,
          exchange: broker.exchange,
          topology,
          prefetch: settings.prefetch,
          deliveryLimit: 5,
          batchSize: settings.consumerBatchSize,
          maxConcurrentBatches: settings.consumerConcurrency,
          // Producer and consumer share the bench's broker user, as in development.
          identity: brokerIdentity(amqpUrl, defaultAmqpUsers()),
        },
      );
      opened.push(() => consumer.stop());
      // The queue must be bound before the first publish, or the relay would mark events unroutable.
      await consumer.waitForReady();
      relay.start();
      return new OutboxPipeline(
        settings,
        producerDataSource,
        consumerDataSource,
        producerConnection,
        consumerConnection,
        relay,
        producerUnitOfWork,
        consumerUnitOfWork,
        consumer,
      );
    } catch (error) {
      for (const close of opened.reverse()) await close().catch(() => undefined);
      throw error;
    }
  }

  /** Produces `events` events, one business transaction each, and waits until all are consumed. */
  async drive(events: number): Promise<PipelineRun> {
    const committedAt = new Map<string, number>();
    const consumedAt = new Map<string, number>();
    const expected = new Set<string>();
    let allConsumed: () => void = () => undefined;
    const consumed = new Promise<void>((resolve) => (allConsumed = resolve));
    this.consumerUnitOfWork.onCommitted = (eventId, atMs) => {
      if (!expected.has(eventId)) return;
      consumedAt.set(eventId, atMs);
      if (consumedAt.size === events) allConsumed();
    };

    const producerRows = `${quoteIdentifier(PRODUCER_SCHEMA)}.bench_rows`;
    let envelopeBytes = 0;
    let next = 0;
    const produce = async () => {
      while (next < events) {
        next += 1;
        const envelope = createEnvelope(
          intentRequestedEvent,
          { ...intentRequestedEvent.example, id: randomUUID() },
          { correlationId: randomUUID(), causationId: null },
        );
        envelopeBytes ||= Buffer.byteLength(JSON.stringify(envelope));
        expected.add(envelope.id);
        const row = {
          sql: `INSERT INTO ${producerRows} (id, note) VALUES ($1, $2)`,
          values: [envelope.data.id, 'filed'],
        };
        if (this.settings.producerWrite === 'statement') {
          await this.producerUnitOfWork.runAsOneStatement(async (statement) => {
            statement.write(row);
            statement.publish(envelope);
          });
        } else {
          await this.producerUnitOfWork.run(async (context) => {
            await context.manager.query(row.sql, [...row.values]);
            await context.publish(envelope);
          });
        }
        committedAt.set(envelope.id, nowMs());
      }
    };

    const cpuOf = startCpuMeter();
    const started = nowMs();
    await Promise.all(Array.from({ length: this.settings.producers }, produce));
    const produced = nowMs();
    await this.untilStalledOr(consumed, () => consumedAt.size, events);
    const cpu = cpuOf(events);
    const finished = Math.max(...consumedAt.values());
    this.consumerUnitOfWork.onCommitted = () => undefined;

    const latencies = [...consumedAt].map(([eventId, atMs]) => atMs - (committedAt.get(eventId) ?? NaN));
    return {
      events,
      envelopeBytes,
      elapsedMs: finished - started,
      eventsPerSecond: (events * 1000) / (finished - started),
      producerCommitsPerSecond: (events * 1000) / (produced - started),
      latency: summarizeLatencies(latencies),
      cpu,
    };
  }

  /** Checks the database agrees with what was measured: every event written, published, handled once. */
  async verify(expectedEvents: number): Promise<void> {
    const count = async (dataSource: DataSource, sql: string) =>
      Number((await dataSource.query(sql))[0].count);
    const producer = quoteIdentifier(PRODUCER_SCHEMA);
    const consumer = quoteIdentifier(CONSUMER_SCHEMA);
    const checks: Array<[string, number]> = [
      [
        'producer business rows',
        await count(this.producerDataSource, `SELECT count(*) FROM ${producer}.bench_rows`),
      ],
      [
        'outbox rows published',
        await count(
          this.producerDataSource,
          `SELECT count(*) FROM ${producer}.outbox WHERE published_at IS NOT NULL AND NOT unroutable`,
        ),
      ],
      [
        'consumer business rows',
        await count(this.consumerDataSource, `SELECT count(*) FROM ${consumer}.bench_rows`),
      ],
      ['inbox rows', await count(this.consumerDataSource, `SELECT count(*) FROM ${consumer}.inbox`)],
    ];
    const wrong = checks.filter(([, actual]) => actual !== expectedEvents);
    if (wrong.length > 0) {
      throw new Error(
        `expected ${expectedEvents} of each, found ${wrong.map(([what, actual]) => `${actual} ${what}`).join(', ')}`,
      );
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.consumer.stop(), this.relay.stop()]);
    await Promise.allSettled([this.producerConnection.close(), this.consumerConnection.close()]);
    await Promise.allSettled([this.producerDataSource.destroy(), this.consumerDataSource.destroy()]);
  }

  private async untilStalledOr(done: Promise<void>, progress: () => number, target: number): Promise<void> {
    let last = progress();
    let lastChange = nowMs();
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        const current = progress();
        if (current !== last) {
          last = current;
          lastChange = nowMs();
        } else if (nowMs() - lastChange > STALL_LIMIT_MS) {
          reject(
            new Error(
              `the pipeline stalled: ${current} of ${target} events consumed, none in the last ${STALL_LIMIT_MS / 1000} s`,
            ),
          );
        }
      }, 1000);
    });
    try {
      await Promise.race([done, stalled]);
    } finally {
      clearInterval(timer);
    }
  }
}

async function connectToBroker(url: string, connectionName: string): Promise<AmqpConnection> {
  const connection = new AmqpConnection({ url, connectionName });
  try {
    await connection.waitForConnect(10_000);
    return connection;
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
}
