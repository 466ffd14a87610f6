import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_TYPES } from '@envrefresh/contracts';
import { AmqpConnection } from './connection/amqp-connection';
import { EventConsumer } from './consumer/event-consumer';
import { EnvelopeValidatorFn } from './consumer/event-handler';
import { EventHandlerExplorer } from './consumer/event-handler.explorer';
import { InboxRepository } from './inbox/inbox.repository';
import { registerOutboxBacklog } from './metrics/outbox-backlog.gauges';
import { ENVELOPE_VALIDATOR, MESSAGING_OPTIONS } from './messaging.tokens';
import { MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxRepository } from './outbox/outbox.repository';
import { consumerTopology } from './topology/topology';
import { UnitOfWork } from './unit-of-work';

const HOUR_MS = 3_600_000;

/**
 * Starts the relay and the consumer once every provider exists, and on shutdown stops taking
 * messages, drains what is in hand, then closes the connection (the DataSource closes after).
 */
@Injectable()
export class MessagingLifecycle
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger(MessagingLifecycle.name);
  private consumer?: EventConsumer;
  private janitor?: NodeJS.Timeout;
  private unregisterBacklog?: () => void;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly connection: AmqpConnection,
    private readonly explorer: EventHandlerExplorer,
    @Inject(ENVELOPE_VALIDATOR) private readonly validate: EnvelopeValidatorFn,
    @Optional() private readonly dataSource?: DataSource,
    @Optional() private readonly relay?: OutboxRelay,
    @Optional() private readonly unitOfWork?: UnitOfWork,
    @Optional() private readonly outbox?: OutboxRepository,
    @Optional() private readonly inbox?: InboxRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.explorer.explore();
    if (this.relay && this.options.relay.enabled) this.relay.start();
    if (handlers.size > 0) {
      if (!this.unitOfWork || !this.inbox)
        throw new Error(`${this.options.service} handles events but has no database for its inbox`);
      this.consumer = new EventConsumer(
        this.connection,
        this.unitOfWork,
        this.inbox,
        handlers,
        this.validate,
        {
          consumer: this.options.service,
          exchange: this.options.exchange,
          topology: consumerTopology(
            this.options.namespace,
            this.options.service,
            this.options.consumer.retryDelaysMs,
          ),
          prefetch: this.options.consumer.prefetch,
          deliveryLimit: this.options.consumer.deliveryLimit,
          batchSize: this.options.consumer.batchSize,
          maxConcurrentBatches: this.options.consumer.maxConcurrentBatches,
          identity: this.options.identity,
          knownTypes: EVENT_TYPES,
        },
      );
      this.logger.log(`consuming ${[...handlers.keys()].join(', ')}`);
      this.warnUnlessStrict();
    }
    if (this.dataSource && this.outbox) {
      const { dataSource, outbox } = this;
      this.unregisterBacklog = registerOutboxBacklog(this.options.service, () => outbox.backlog(dataSource));
      this.janitor = setInterval(() => void this.purge(), HOUR_MS).unref();
    }
  }

  private warnUnlessStrict(): void {
    const { user, ownerUsers, strict } = this.options.identity;
    if (strict) return;
    new Logger('Security').warn(
      `broker user "${user}" is not a service user (${Object.values(ownerUsers).join(', ')}): events are NOT authenticated, any event published as "${user}" is believed. Never run like this in production.`,
    );
  }

  /** For tests and readiness: resolves when the consumer's queue is declared and consumed. */
  async consumerReady(): Promise<void> {
    await this.consumer?.waitForReady();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.janitor);
    this.unregisterBacklog?.();
    await Promise.all([this.consumer?.stop(), this.relay?.stop()]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }

  private async purge(): Promise<void> {
    if (!this.dataSource || !this.outbox || !this.inbox) return;
    const cutoff = new Date(Date.now() - this.options.retentionDays * 24 * HOUR_MS);
    try {
      const outboxRows = await this.outbox.purgePublishedBefore(this.dataSource, cutoff);
      const inboxRows = await this.inbox.purgeProcessedBefore(this.dataSource, cutoff);
      if (outboxRows + inboxRows > 0)
        this.logger.log(`purged ${outboxRows} outbox and ${inboxRows} inbox rows`);
    } catch (error) {
      this.logger.warn(`purge failed, will try again: ${(error as Error).message}`);
    }
  }
}
