import { Logger } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { DataSource } from 'typeorm';
import { SpanKind, contextFromHeaders, inSpan, traceHeaders } from '@envrefresh/tracing';
import { AmqpConnection } from '../connection/amqp-connection';
import { messagingMetrics } from '../metrics/messaging-metrics';
import { PUBLISHED_BY_HEADER } from '../identity/publisher-check';
import { BatchOutcome, BatchTransaction } from '../due-rows/due-row-job';
import { DueRowWorker } from '../due-rows/due-row-worker';
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
  /**
   * Nudges within this many milliseconds of a nudge that woke the relay are folded into one more
   * wake-up at the end of the window, so a steady trickle of commits is published in batches
   * instead of one claim transaction per event (0: every nudge wakes it). Default
   * DEFAULT_NUDGE_COALESCE_MS.
   */
  nudgeCoalesceMs?: number;
}

/**
 * Short against an event's way through the broker and a consumer (~10–50 ms here), long against
 * the gap between commits at a few hundred per second, so a trickle meets in a batch.
 */
export const DEFAULT_NUDGE_COALESCE_MS = 10;

/**
 * Moves committed events from the outbox to the exchange. Claimed rows stay locked
 * (FOR UPDATE SKIP LOCKED) until they are confirmed and marked, so any number of relays can run
 * against one outbox and each row is published by one of them. A crash between confirm and
 * commit publishes that batch again: delivery is at least once, and consumers dedupe on the id.
 * The claim loop (polling, nudges, back-off, graceful stop, metrics) is the shared DueRowWorker in
 * its in-transaction mode: the rows are the outbox's, "due" means not yet published.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly channel: ChannelWrapper;
  private readonly returnedIds = new Set<string>();
  private readonly worker: DueRowWorker<PendingOutboxRow>;
  private readonly nudgeCoalesceMs: number;
  /** Set while a coalescing window is open; `nudgedInWindow` says whether it must end in a wake-up. */
  private coalescing?: NodeJS.Timeout;
  private nudgedInWindow = false;

  constructor(
    dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    connection: AmqpConnection,
    private readonly options: OutboxRelayOptions,
  ) {
    this.nudgeCoalesceMs = options.nudgeCoalesceMs ?? DEFAULT_NUDGE_COALESCE_MS;
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
    this.worker = new DueRowWorker(
      dataSource,
      {
        mode: 'transaction',
        claim: {
          statement: ({ limit }) => this.outbox.claimPendingStatement(limit),
          rows: (opened) => this.outbox.claimedRows(opened),
        },
        handle: (_manager, rows, batch) => this.publishRows(rows, batch),
        // created_at is the database's time, as is the worker's default clock (never shifted).
        dueAt: (row) => row.createdAt,
      },
      {
        service: options.service,
        name: 'outbox',
        batchSize: options.batchSize,
        pollIntervalMs: options.pollIntervalMs,
        maxBackoffMs: options.maxBackoffMs,
      },
    );
  }

  start(): void {
    this.worker.start();
  }

  /** Tells the relay that a transaction just committed events, so it need not wait for its poll. */
  nudge(): void {
    // While the broker is failing, a nudge does not cut the back-off short (the worker sees to it).
    if (this.nudgeCoalesceMs === 0) return this.worker.nudge();
    // The first nudge wakes the relay at once (a lone event waits for nothing); those that follow
    // within the window wake it once, at its end, for everything they committed together.
    if (this.coalescing) {
      this.nudgedInWindow = true;
      return;
    }
    this.worker.nudge();
    this.openWindow();
  }

  /** Finishes the batch in hand, then stops; what is left waits in the outbox for the next relay. */
  stop(): Promise<void> {
    clearTimeout(this.coalescing);
    this.coalescing = undefined;
    return this.worker.stop();
  }

  private openWindow(): void {
    this.nudgedInWindow = false;
    this.coalescing = setTimeout(() => {
      this.coalescing = undefined;
      if (!this.nudgedInWindow) return;
      this.worker.nudge();
      this.openWindow();
    }, this.nudgeCoalesceMs);
    this.coalescing.unref();
  }

  /** Publishes one batch; returns how many rows it handled. Exposed for tests and benchmarks. */
  publishBatch(): Promise<number> {
    return this.worker.runOnce();
  }

  /**
   * In the claim's transaction: publish every row, then mark the confirmed ones published (or
   * unroutable) and count an attempt on the others, which stay pending; the marks travel with the
   * COMMIT, and commit even when some failed, and the worker backs off.
   */
  private async publishRows(rows: PendingOutboxRow[], batch: BatchTransaction): Promise<BatchOutcome> {
    const outcomes = await Promise.allSettled(rows.map((row) => this.publish(row)));
    const published = rows.filter((_, index) => outcomes[index].status === 'fulfilled');
    const failed = rows.filter((_, index) => outcomes[index].status === 'rejected');
    const unroutable = published.filter((row) => this.returnedIds.delete(row.id)).map((row) => row.id);
    if (published.length > 0)
      batch.closeWith(
        this.outbox.markPublishedStatement(
          published.map((row) => row.seq),
          unroutable,
        ),
      );
    for (const row of published)
      messagingMetrics.published.inc({ service: this.options.service, type: row.type });
    if (unroutable.length > 0) this.reportUnroutable(published.filter((row) => unroutable.includes(row.id)));
    if (failed.length === 0) return { done: rows.length, failed: 0 };
    const reason = (outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult)
      .reason;
    const error = String(reason?.message ?? reason);
    batch.closeWith(
      this.outbox.markFailedStatement(
        failed.map((row) => row.seq),
        error,
      ),
    );
    messagingMetrics.publishFailures.inc({ service: this.options.service }, failed.length);
    return { done: published.length, failed: failed.length, error: `events were not confirmed: ${error}` };
  }

  /**
   * One warning per batch, not per event: a type nothing is bound for (an audit event no service
   * consumes yet) would otherwise write a line for every event it publishes.
   */
  private reportUnroutable(rows: readonly PendingOutboxRow[]): void {
    const byType = new Map<string, string[]>();
    for (const row of rows) {
      messagingMetrics.unroutable.inc({ service: this.options.service, type: row.type });
      const ids = byType.get(row.type) ?? [];
      ids.push(row.id);
      byType.set(row.type, ids);
    }
    for (const [type, ids] of byType)
      this.logger.warn(
        ids.length === 1
          ? `event ${ids[0]} (${type}) reached no queue: nothing is bound for its routing key`
          : `${ids.length} events (${type}) reached no queue: nothing is bound for its routing key; ids ${ids.join(', ')}`,
      );
  }

  /**
   * The publish is a span of the trace that wrote the row (its headers kept the context), however
   * long the row waited; the message carries this span's context on to the consumers.
   */
  private publish(row: PendingOutboxRow): Promise<void> {
    // Only a consumer republishing its own copy may say who published first.
    const { [PUBLISHED_BY_HEADER]: _claimed, ...headers } = row.headers ?? {};
    const publishing = {
      name: `${row.type} publish`,
      kind: SpanKind.PRODUCER,
      parent: contextFromHeaders(headers),
      attributes: {
        'messaging.system': 'rabbitmq',
        'messaging.operation.type': 'send',
        'messaging.destination.name': this.options.exchange,
        'messaging.rabbitmq.destination.routing_key': row.routingKey,
        'messaging.message.id': row.id,
      },
    };
    return inSpan(publishing, () => this.send(row, { ...headers, ...traceHeaders() }));
  }

  private async send(row: PendingOutboxRow, headers: Record<string, string>): Promise<void> {
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
}
