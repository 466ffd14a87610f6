import { Logger } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { DataSource } from 'typeorm';
import { AmqpConnection } from '../connection/amqp-connection';
import { messagingMetrics } from '../metrics/messaging-metrics';
import { PUBLISHED_BY_HEADER } from '../identity/publisher-check';
import { declareEventsExchange } from '../topology/declare-topology';
import { PendingOutboxRow } from './outbox-row';
import { OutboxRepository } from './outbox.repository';

export interface OutboxRelayOptions {
  service: string;
  exchange: string;
  /** Rows claimed, published and marked per transaction. */
  batchSize: number;
  /** How long an idle relay sleeps when nothing nudges it (rows written by other processes). */
  pollIntervalMs: number;
  /** A publish not confirmed within this time is failed and retried later. */
  publishTimeoutMs: number;
  /** Longest pause after consecutive failures (broker down). */
  maxBackoffMs: number;
  /** This service's broker user: set as every event's user_id, which the broker checks. */
  userId: string;
}

/**
 * Moves committed events from the outbox to the exchange. Claimed rows stay locked
 * (FOR UPDATE SKIP LOCKED) until they are confirmed and marked, so any number of relays can run
 * against one outbox and each row is published by one of them. A crash between confirm and
 * commit publishes that batch again: delivery is at least once, and consumers dedupe on the id.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly channel: ChannelWrapper;
  private readonly returnedIds = new Set<string>();
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private nudged = false;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    connection: AmqpConnection,
    private readonly options: OutboxRelayOptions,
  ) {
    this.channel = connection.createChannel({
      name: `${options.service}:outbox-relay`,
      confirm: true,
      publishTimeout: options.publishTimeoutMs,
      setup: async (channel: ConfirmChannel) => {
        await declareEventsExchange(channel, options.exchange);
        // `mandatory` makes the broker hand back an event no queue is bound for; it arrives
        // before the confirm, so the row can be marked unroutable rather than silently dropped.
        channel.on('return', (message: ConsumeMessage) => {
          if (message.properties.messageId) this.returnedIds.add(message.properties.messageId);
        });
      },
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Tells the relay that a transaction just committed events, so it need not wait for its poll. */
  nudge(): void {
    this.nudged = true;
    // While the broker is failing, a nudge must not cut the back-off short.
    if (this.failures === 0) this.wake?.();
  }

  /** Finishes the batch in hand, then stops; what is left waits in the outbox for the next relay. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Publishes one batch; returns how many rows it handled. Exposed for tests and benchmarks. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.outbox.claimPending(manager, this.options.batchSize);
      if (rows.length === 0) return 0;
      const outcomes = await Promise.allSettled(rows.map((row) => this.publish(row)));
      const published = rows.filter((_, index) => outcomes[index].status === 'fulfilled');
      const failed = rows.filter((_, index) => outcomes[index].status === 'rejected');
      const unroutable = published.filter((row) => this.returnedIds.delete(row.id)).map((row) => row.id);
      await this.outbox.markPublished(
        manager,
        published.map((row) => row.seq),
        unroutable,
      );
      for (const row of published)
        messagingMetrics.published.inc({ service: this.options.service, type: row.type });
      for (const id of unroutable) {
        const row = published.find((candidate) => candidate.id === id);
        messagingMetrics.unroutable.inc({ service: this.options.service, type: row?.type ?? 'unknown' });
        this.logger.warn(`event ${id} (${row?.type}) reached no queue: nothing is bound for its routing key`);
      }
      if (failed.length > 0) {
        const reason = (outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult)
          .reason;
        await this.outbox.markFailed(
          manager,
          failed.map((row) => row.seq),
          String(reason?.message ?? reason),
        );
        messagingMetrics.publishFailures.inc({ service: this.options.service }, failed.length);
        throw new Error(
          `${failed.length} of ${rows.length} events were not confirmed: ${reason?.message ?? reason}`,
        );
      }
      return rows.length;
    });
  }

  private async publish(row: PendingOutboxRow): Promise<void> {
    // Only a consumer republishing its own copy may say who published first.
    const { [PUBLISHED_BY_HEADER]: _claimed, ...headers } = row.headers ?? {};
    await this.channel.publish(
      this.options.exchange,
      row.routingKey,
      Buffer.from(typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload)),
      {
        persistent: true,
        mandatory: true,
        contentType: 'application/json',
        contentEncoding: 'utf-8',
        messageId: row.id,
        type: row.type,
        userId: this.options.userId,
        headers,
        timeout: this.options.publishTimeoutMs,
      },
    );
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        this.nudged = false;
        const handled = await this.publishBatch();
        this.failures = 0;
        if (handled === this.options.batchSize || this.nudged) continue;
        await this.sleep(this.options.pollIntervalMs);
      } catch (error) {
        this.failures += 1;
        const pause = Math.min(this.options.maxBackoffMs, 100 * 2 ** Math.min(this.failures, 10));
        this.logger.warn(`outbox relay will retry in ${pause} ms: ${(error as Error).message}`);
        await this.sleep(pause);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    }).then(() => {
      this.wake = undefined;
    });
  }
}
