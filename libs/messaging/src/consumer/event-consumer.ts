import { Logger } from '@nestjs/common';
import type { Channel, ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import { CorrelationContext, sanitizeCorrelationId } from '@envrefresh/observability';
import { SpanKind, contextFromHeaders, inSpan } from '@envrefresh/tracing';
import { AmqpConnection } from '../connection/amqp-connection';
import { BrokerIdentity } from '../identity/broker-identity';
import { PUBLISHED_BY_HEADER, checkPublisher, publisherOf } from '../identity/publisher-check';
import { recordRefusedEvent } from '../identity/refused-event';
import { InboxRepository } from '../inbox/inbox.repository';
import { messagingMetrics } from '../metrics/messaging-metrics';
import { registerQueueDepth } from '../metrics/queue-depth.gauges';
import { declareConsumerTopology } from '../topology/declare-topology';
import { ConsumerTopology } from '../topology/topology';
import { TransactionContext, UnitOfWork } from '../unit-of-work';
import { EnvelopeValidatorFn, EventHandlerFn, ReceivedEnvelope, handledVersions } from './event-handler';
import { PermanentEventError } from './permanent-event-error';

export interface EventConsumerOptions {
  /** The consuming service; names its queues and its inbox rows. */
  consumer: string;
  exchange: string;
  topology: ConsumerTopology;
  prefetch: number;
  /** Redeliveries (crashes without ack) after which the broker dead-letters a message. */
  deliveryLimit: number;
  /** Most deliveries handled in one transaction. */
  batchSize: number;
  /** Most transactions in progress at once (keep it below the database pool size). */
  maxConcurrentBatches: number;
  /** Who this consumer is on the broker and whom it believes: see checkPublisher. */
  identity: BrokerIdentity;
  /** Every event type there is (the catalog): those without a handler are unbound from the queue. */
  knownTypes?: readonly string[];
}

const BODY_NOT_JSON = 'body is not JSON';

interface DeadLetter {
  reason: 'invalid' | 'refused' | 'unhandled' | 'rejected' | 'exhausted';
  /** Written to the copy's x-last-error header: nothing there may explain the contract. */
  detail: string;
  attempt: number;
  /** The publisher the broker vouched for ('' when none), recorded on the copy. */
  publisher: string;
  type?: string;
}

/** A delivery that passed validation and has a handler, waiting for its batch. */
interface Delivery {
  channel: Channel;
  message: ConsumeMessage;
  event: ReceivedEnvelope;
  handler: EventHandlerFn;
  attempt: number;
  /** The broker user that published it, as the broker vouches for it. */
  publisher: string;
}

const RETRY_COUNT_HEADER = 'x-retry-count';
const ORIGINAL_ROUTING_KEY_HEADER = 'x-original-routing-key';

// What a dead-letter copy says about a message that was not accepted: whoever can read a DLQ must
// not learn the contract from it (the log of the service keeps the details for its operators).
const INVALID_DETAIL = 'the event does not match its contract';
const REFUSED_DETAIL = 'the event was not published by its owner';

/**
 * Consumes one service's queue: each event is handled in a transaction that also records it in
 * the inbox, and acknowledged only after that transaction commits. A failure is retried through
 * the delay queues, then dead-lettered; the queue keeps flowing meanwhile.
 */
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly consumeChannel: ChannelWrapper;
  private readonly publishChannel: ChannelWrapper;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waiting: Delivery[] = [];
  private runningBatches = 0;
  private drainScheduled = false;
  private activeChannel?: Channel;
  private consumerTag?: string;
  private stopping = false;
  private readonly unregisterDepths: (() => void)[];

  constructor(
    connection: AmqpConnection,
    private readonly unitOfWork: UnitOfWork,
    private readonly inbox: InboxRepository,
    private readonly handlers: ReadonlyMap<string, EventHandlerFn>,
    private readonly validate: EnvelopeValidatorFn,
    private readonly options: EventConsumerOptions,
  ) {
    this.publishChannel = connection.createChannel({
      name: `${options.consumer}:retry-publisher`,
      confirm: true,
    });
    this.consumeChannel = connection.createChannel({
      name: `${options.consumer}:consumer`,
      confirm: false,
      setup: async (channel: Channel) => {
        await declareConsumerTopology(
          channel,
          options.exchange,
          options.topology,
          [...handlers.keys()],
          options.deliveryLimit,
          options.knownTypes,
        );
        if (this.stopping) return;
        await channel.prefetch(options.prefetch);
        const { consumerTag } = await channel.consume(options.topology.queue, (message) => {
          if (message) this.receive(channel, message);
        });
        this.activeChannel = channel;
        this.consumerTag = consumerTag;
      },
    });
    // Asked on the publishing channel: a failed check closes its channel, never the consuming one.
    const depthOf = (queue: string) => async () => (await this.publishChannel.checkQueue(queue)).messageCount;
    const { queue, deadLetterQueue } = options.topology;
    this.unregisterDepths = [
      registerQueueDepth(options.consumer, queue, 'events', depthOf(queue)),
      registerQueueDepth(options.consumer, deadLetterQueue, 'dead_letter', depthOf(deadLetterQueue)),
    ];
  }

  /** Resolves once the topology is declared and the consumer is registered. */
  async waitForReady(): Promise<void> {
    await this.consumeChannel.waitForConnect();
  }

  /** Stops taking messages, lets the ones in hand finish and be acked, then closes the channels. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const unregister of this.unregisterDepths) unregister();
    if (this.activeChannel && this.consumerTag) {
      await this.activeChannel.cancel(this.consumerTag).catch(() => undefined);
    }
    while (this.inFlight.size > 0 || this.waiting.length > 0) {
      this.drain();
      await Promise.allSettled([...this.inFlight]);
    }
    await this.consumeChannel.close();
    await this.publishChannel.close();
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Sorts out what cannot be handled at once, and queues the rest for the next batch. */
  private receive(channel: Channel, message: ConsumeMessage): void {
    const attempt = Number(message.properties.headers?.[RETRY_COUNT_HEADER] ?? 0) + 1;
    const check = this.decode(message);
    if (!check.ok) {
      const [first] = check.errors;
      const detail = first === BODY_NOT_JSON ? BODY_NOT_JSON : INVALID_DETAIL;
      this.logger.warn(
        `event ${message.properties.messageId ?? '?'} does not match its contract: ${check.errors.join('; ')}`,
      );
      const publisher = publisherOf(this.options.identity, message.properties);
      this.track(this.deadLetter(channel, message, { reason: 'invalid', detail, attempt, publisher }));
      return;
    }
    const event = check.envelope;
    const authentic = checkPublisher(this.options.identity, event.type, message.properties);
    if (!authentic.ok) {
      recordRefusedEvent(this.logger, message, event, authentic, this.options);
      const refusal = {
        reason: 'refused' as const,
        detail: REFUSED_DETAIL,
        attempt,
        publisher: authentic.publisher,
      };
      this.track(this.deadLetter(channel, message, { ...refusal, type: event.type }));
      return;
    }
    const handler = this.handlers.get(event.type);
    if (!handler) {
      const detail = `no handler for ${event.type}`;
      const unhandled = { reason: 'unhandled' as const, detail, attempt, publisher: authentic.publisher };
      this.track(this.deadLetter(channel, message, { ...unhandled, type: event.type }));
      return;
    }
    if (!handledVersions(handler).includes(event.version)) {
      this.skipVersion(channel, message, event, handledVersions(handler));
      return;
    }
    this.waiting.push({ channel, message, event, handler, attempt, publisher: authentic.publisher });
    this.scheduleDrain();
  }

  /**
   * A version of a handled type that no handler here declares: a producer publishing a new
   * version beside the old one (ADR 0025), whose old version this consumer handles. Handing it to
   * the handler would read v2 data as v1; dead-lettering it would fill the DLQ with every event of
   * the overlap. It is acknowledged unhandled, counted and logged, and left out of the inbox.
   */
  private skipVersion(
    channel: Channel,
    message: ConsumeMessage,
    event: ReceivedEnvelope,
    versions: readonly number[],
  ): void {
    this.logger.warn(
      `event ${event.id} (${event.type}) skipped: version ${event.version} is not among the versions handled here (${versions.join(', ')})`,
    );
    this.ack(channel, message);
    messagingMetrics.skipped.inc({
      consumer: this.options.consumer,
      type: event.type,
      reason: 'unknown_version',
    });
  }

  // Deliveries that arrive in one socket read are dispatched in one tick; draining on the next
  // tick lets them share a batch, at the cost of nothing a person could notice.
  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  /** Starts batches while there are deliveries waiting and room for another transaction. */
  private drain(): void {
    while (this.waiting.length > 0 && this.runningBatches < this.options.maxConcurrentBatches) {
      const batch = this.waiting.splice(0, this.options.batchSize);
      this.runningBatches += 1;
      this.track(
        this.handleBatch(batch).finally(() => {
          this.runningBatches -= 1;
          this.drain();
        }),
      );
    }
  }

  /**
   * Deliveries that arrived together share one transaction (inbox rows and handlers), which saves
   * a commit per event under load; their inbox rows are one statement, sent with the BEGIN. If any
   * of them fails, the batch is rolled back and each is handled alone, so one bad event never
   * fails, retries or dead-letters its neighbours.
   */
  private async handleBatch(batch: Delivery[]): Promise<void> {
    if (batch.length === 1) return this.handleAlone(batch[0]);
    const stopTimers = batch.map((delivery) => this.startTimer(delivery));
    let outcomes: boolean[];
    try {
      outcomes = await this.inTransaction(batch, async (context, recorded) => {
        const processed: boolean[] = [];
        for (const delivery of batch) {
          // The same event twice in one batch (published again after a lost confirm) runs once.
          const first = recorded.delete(delivery.event.id);
          processed.push(await this.process(delivery, context, first));
        }
        return processed;
      });
    } catch {
      stopTimers.forEach((stop) => stop());
      await Promise.all(batch.map((delivery) => this.handleAlone(delivery)));
      return;
    }
    batch.forEach((delivery, index) => this.acknowledge(delivery, outcomes[index]));
    stopTimers.forEach((stop) => stop());
  }

  private async handleAlone(delivery: Delivery): Promise<void> {
    const stopTimer = this.startTimer(delivery);
    try {
      const processed = await this.inTransaction([delivery], (context, recorded) =>
        this.process(delivery, context, recorded.has(delivery.event.id)),
      );
      this.acknowledge(delivery, processed);
    } catch (error) {
      await this.handleFailure(delivery, error as Error);
    } finally {
      stopTimer();
    }
  }

  /** A transaction begun with the deliveries' inbox rows; `work` learns which were recorded now. */
  private inTransaction<T>(
    deliveries: readonly Delivery[],
    work: (context: TransactionContext, recorded: Set<string>) => Promise<T>,
  ): Promise<T> {
    const inboxRows = this.inbox.firstDeliveriesStatement(
      this.options.consumer,
      deliveries.map(({ event }) => ({ id: event.id, type: event.type })),
    );
    return this.unitOfWork.runBegunWith(inboxRows, (context, opened) =>
      work(context, new Set(opened.map((row) => String(row.message_id)))),
    );
  }

  /**
   * Runs the handler of an event the inbox has just recorded (`first`), inside the caller's
   * transaction, and in a span that continues the trace of the publish (its headers), so the
   * handler's queries and the events it writes belong to the request that caused them.
   */
  private async process(
    { message, event, handler, attempt }: Delivery,
    context: TransactionContext,
    first: boolean,
  ): Promise<boolean> {
    const correlationId =
      sanitizeCorrelationId(message.properties.headers?.['x-correlation-id']) ?? event.correlationId;
    const handling = {
      name: `${event.type} process`,
      kind: SpanKind.CONSUMER,
      parent: contextFromHeaders(message.properties.headers),
      attributes: {
        'messaging.system': 'rabbitmq',
        'messaging.operation.type': 'process',
        'messaging.destination.name': this.options.topology.queue,
        'messaging.consumer.group.name': this.options.consumer,
        'messaging.message.id': event.id,
        'messaging.rabbitmq.message.delivery_attempt': attempt,
      },
    };
    return CorrelationContext.run({ correlationId, causationId: event.id }, () =>
      inSpan(handling, async (span) => {
        span.setAttribute('envrefresh.inbox.duplicate', !first);
        if (first) await handler(event, { ...context, attempt });
        return first;
      }),
    );
  }

  private acknowledge({ channel, message, event }: Delivery, processed: boolean): void {
    this.ack(channel, message);
    messagingMetrics.consumed.inc({
      consumer: this.options.consumer,
      type: event.type,
      outcome: processed ? 'processed' : 'duplicate',
    });
  }

  private startTimer({ event }: Delivery): () => void {
    const stop = messagingMetrics.handlerSeconds.startTimer({
      consumer: this.options.consumer,
      type: event.type,
    });
    return () => void stop();
  }

  private decode(message: ConsumeMessage): ReturnType<EnvelopeValidatorFn> {
    let body: unknown;
    try {
      body = JSON.parse(message.content.toString('utf8'));
    } catch {
      return { ok: false, errors: [BODY_NOT_JSON] };
    }
    return this.validate(body);
  }

  private async handleFailure(delivery: Delivery, error: Error): Promise<void> {
    const { channel, message, event, attempt, publisher } = delivery;
    const retry = this.options.topology.retryQueues[attempt - 1];
    if (error instanceof PermanentEventError || !retry) {
      const reason = error instanceof PermanentEventError ? 'rejected' : 'exhausted';
      await this.deadLetter(channel, message, {
        reason,
        detail: error.message,
        attempt,
        publisher,
        type: event.type,
      });
      return;
    }
    this.logger.warn(
      `event ${event.id} (${event.type}) failed on attempt ${attempt}, retrying in ${retry.delayMs} ms: ${error.message}`,
    );
    try {
      await this.republish('', retry.name, message, publisher, {
        [RETRY_COUNT_HEADER]: attempt,
        'x-last-error': truncate(error.message),
        [ORIGINAL_ROUTING_KEY_HEADER]: originalRoutingKey(message),
      });
      this.ack(channel, message);
      messagingMetrics.retried.inc({ consumer: this.options.consumer, type: event.type });
    } catch (publishError) {
      // The broker is in trouble too: hand the message back so it is redelivered, not lost.
      this.logger.error(`could not schedule retry of ${event.id}: ${(publishError as Error).message}`);
      this.nack(channel, message, true);
    }
  }

  /** Publishes to this consumer's dead-letter exchange with the reason, then acks the original. */
  private async deadLetter(channel: Channel, message: ConsumeMessage, letter: DeadLetter): Promise<void> {
    const { reason, detail, attempt, publisher, type = 'unknown' } = letter;
    this.logger.error(
      `event ${message.properties.messageId ?? '?'} (${type}) dead-lettered after ${attempt} attempt(s), ${reason}: ${detail}`,
    );
    try {
      await this.republish(
        this.options.topology.deadLetterExchange,
        originalRoutingKey(message),
        message,
        publisher,
        {
          [RETRY_COUNT_HEADER]: attempt - 1,
          'x-dead-letter-reason': reason,
          'x-last-error': truncate(detail),
          [ORIGINAL_ROUTING_KEY_HEADER]: originalRoutingKey(message),
        },
      );
      this.ack(channel, message);
    } catch {
      // Rejecting without requeue still reaches the DLQ through the queue's dead-letter exchange.
      this.nack(channel, message, false);
    }
    messagingMetrics.deadLettered.inc({ consumer: this.options.consumer, type, reason });
  }

  /**
   * Sends a copy on as this consumer's own broker user (the broker refuses a user_id that is not
   * the connection's), recording the publisher it was believed from, or the one it was refused
   * from: a replayed copy is judged again on that, never on this consumer's identity.
   */
  private async republish(
    exchange: string,
    routingKey: string,
    message: ConsumeMessage,
    publisher: string,
    extraHeaders: Record<string, unknown>,
  ): Promise<void> {
    const { headers, userId: _userId, ...properties } = message.properties;
    await this.publishChannel.publish(exchange, routingKey, message.content, {
      ...withoutUndefined(properties),
      userId: this.options.identity.user,
      headers: { ...headers, ...extraHeaders, [PUBLISHED_BY_HEADER]: publisher },
      persistent: true,
      timeout: 10_000,
    });
  }

  // A channel that closed since the delivery cannot ack it; the broker will redeliver instead.
  private ack(channel: Channel, message: ConsumeMessage): void {
    try {
      channel.ack(message);
    } catch (error) {
      this.logger.warn(
        `ack of ${message.properties.messageId} lost with its channel; it will be redelivered: ${(error as Error).message}`,
      );
    }
  }

  private nack(channel: Channel, message: ConsumeMessage, requeue: boolean): void {
    try {
      channel.nack(message, false, requeue);
    } catch {
      /* same as ack: the broker redelivers what a closed channel held */
    }
  }
}

// A retried message comes back through the default exchange, routed by the queue's name; the
// event's own routing key travels in a header from the first retry on.
function originalRoutingKey(message: ConsumeMessage): string {
  const carried = message.properties.headers?.[ORIGINAL_ROUTING_KEY_HEADER];
  return typeof carried === 'string' ? carried : message.fields.routingKey;
}

function truncate(text: string): string {
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
