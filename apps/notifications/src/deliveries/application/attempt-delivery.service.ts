import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  EventEnvelope,
  createEnvelope,
  notificationDeliveredEvent,
  notificationFailedEvent,
} from '@envrefresh/contracts';
import { CorrelationContext } from '@envrefresh/observability';
import {
  BatchTransaction,
  NewOutboxRow,
  NotStarted,
  OutboxRepository,
  OutboxRelay,
} from '@envrefresh/messaging';
import { inlinedSql } from '@envrefresh/persistence';
import { Clock } from '@envrefresh/kernel';
import {
  AttemptOutcome,
  CHANNEL_SENDER,
  ChannelSender,
  EnvironmentFacts,
  channelNeedsEnvironment,
} from '../../channels/application/channel-sender.port';
import { WORLD_REPOSITORY, WorldRepository } from '../../intent-audiences/application/world.repository.port';
import { EnvironmentFact } from '../../intent-audiences/domain/intent-audience';
import {
  SUBSCRIPTION_REPOSITORY,
  SubscriptionRepository,
} from '../../subscriptions/application/subscription.repository.port';
import { SubscriptionSigning, signingSecrets } from '../../subscriptions/domain/index';
import { AttemptResult, NextStep, nextStep } from '../domain/delivery-progress';
import { AttemptRecord, DeliveryRecord } from '../domain/delivery';
import { attemptInTurn, byDestinationInDueOrder } from '../domain/delivery-runs';
import { DELIVERY_REPOSITORY, DeliveryRepository } from './delivery.repository.port';
import { DeliveryEventStore } from './delivery-event-store';
import { deliveryMetrics } from './delivery-metrics';
import { DELIVERY_SETTINGS, DeliverySettings } from './notifications.settings';

/**
 * Attempts at deliveries, in the two halves ADR 0015 asks for: `attemptAll` calls the channels
 * with no transaction open; `settleAll` records what happened (the attempts, the next steps, the
 * `notification.*` events) in a transaction of its own, run by the due-row worker only for the
 * rows it still holds, for every attempt that finished around the same time.
 */
@Injectable()
export class AttemptDeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CHANNEL_SENDER) private readonly sender: ChannelSender,
    @Inject(WORLD_REPOSITORY) private readonly world: WorldRepository,
    @Inject(SUBSCRIPTION_REPOSITORY) private readonly subscriptions: SubscriptionRepository,
    @Inject(DELIVERY_REPOSITORY) private readonly deliveries: DeliveryRepository,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
    private readonly events: DeliveryEventStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Starts an attempt at each of these deliveries, claimed together: their subscriptions and
   * environments are read in one query each (the environments only for channels that write for a
   * reader: a webhook sends the envelope as it is). Each destination's deliveries are sent one
   * after another in due order, and their outcomes answered together once the last is known, so
   * the worker records them in one transaction. After an attempt that was not SENT, or once
   * `mayStartAnother` says no (the leases could not outlast another call, the worker is stopping),
   * the rest are NotStarted: released, due as they were, and claimed again behind whatever the
   * failure made of the first.
   */
  attemptAll(
    deliveries: readonly DeliveryRecord[],
    mayStartAnother: () => boolean,
  ): Promise<AttemptRecord>[] {
    const reads = this.dataSource.manager;
    const context = Promise.all([
      this.subscriptions.signingOf(reads, distinct(deliveries.map((delivery) => delivery.subscriptionId))),
      this.events.envelopes(
        reads,
        deliveries.map((delivery) => delivery.eventId),
      ),
      this.world.environments(
        reads,
        distinct(
          deliveries.map((delivery) =>
            channelNeedsEnvironment(delivery.channel) ? delivery.environmentId : null,
          ),
        ),
      ),
    ]);
    const attempts = new Map<DeliveryRecord, Promise<AttemptRecord>>();
    for (const run of byDestinationInDueOrder(deliveries)) {
      const outcomes = context.then(([subscriptions, events, environments]) =>
        attemptInTurn(
          run,
          (delivery) => this.attempt(delivery, subscriptions, events, environments),
          mayStartAnother,
        ),
      );
      run.forEach((delivery, index) =>
        attempts.set(
          delivery,
          outcomes.then((known) => {
            const outcome = known[index];
            if ('notStarted' in outcome) throw new NotStarted(outcome.notStarted);
            if ('failed' in outcome) throw outcome.failed;
            return outcome.attempted;
          }),
        ),
      );
    }
    return deliveries.map((delivery) => attempts.get(delivery) as Promise<AttemptRecord>);
  }

  private async attempt(
    delivery: DeliveryRecord,
    subscriptions: ReadonlyMap<string, SubscriptionSigning>,
    events: ReadonlyMap<string, EventEnvelope>,
    environments: ReadonlyMap<string, EnvironmentFact>,
  ): Promise<AttemptRecord> {
    const at = this.clock.now();
    const event = events.get(delivery.eventId);
    // Kept by a foreign key for as long as the delivery exists; a retry reads it again.
    if (!event) throw new Error(`the envelope of event ${delivery.eventId} is not stored`);
    let secrets: string[] = [];
    if (delivery.subscriptionId) {
      const subscription = subscriptions.get(delivery.subscriptionId);
      // Paused or deleted after the event: nothing is sent, and the log says why.
      if (!subscription) return { at, result: refused('the subscription was deleted') };
      if (!subscription.enabled)
        return {
          at,
          result: refused(
            subscription.disabledReason
              ? `the subscription is disabled: ${subscription.disabledReason}`
              : 'the subscription is paused',
          ),
        };
      secrets = signingSecrets(subscription, at);
    }
    const environment = delivery.environmentId ? environments.get(delivery.environmentId) : undefined;
    const facts: EnvironmentFacts | null = environment
      ? {
          id: environment.id,
          key: environment.key,
          name: environment.name,
          tier: environment.tier,
          timezone: environment.timezone,
        }
      : null;
    const outcome = await this.sender.send({
      deliveryId: delivery.id,
      channel: delivery.channel,
      target: delivery.target,
      secrets,
      event,
      reasons: delivery.reasons,
      environment: facts,
      attempt: delivery.attempts + 1,
    });
    return { at, result: resultOf(outcome) };
  }

  /**
   * Records attempts that finished together: attempts, next steps and `notification.*` events,
   * written with the recording's COMMIT (they need nothing back), in one statement each.
   */
  async settleAll(
    manager: EntityManager,
    attempted: ReadonlyArray<{ delivery: DeliveryRecord; attempt: AttemptRecord }>,
    batch: BatchTransaction,
  ): Promise<void> {
    const now = this.clock.now();
    const progress = attempted.map(({ delivery, attempt }) => ({
      delivery,
      attempt,
      step: nextStep(attempt.result, delivery.scheduleStep, this.settings.retrySchedule),
    }));
    batch.closeWith(inlinedSql(this.deliveries.progressWrite(progress, now)));
    for (const { delivery, attempt, step } of progress)
      if (step.status === 'DEAD' && step.disableSubscription && delivery.subscriptionId)
        await this.disable(manager, delivery.subscriptionId, attempt.at);
    // Every outcome's event in one statement: a settle of twenty rows is one INSERT, not twenty.
    const done = progress.filter(({ step }) => step.status !== 'RETRYING');
    const envelopes = await this.events.envelopes(
      manager,
      done.map(({ delivery }) => delivery.eventId),
    );
    const announcements = done.map(({ delivery, step }) =>
      this.announcement(delivery, envelopes.get(delivery.eventId), step),
    );
    if (announcements.length > 0) batch.closeWith(inlinedSql(this.outbox.appendAllWrite(announcements)));
    for (const { delivery, attempt, step } of progress) {
      deliveryMetrics.attempts.inc({ channel: delivery.channel, outcome: attempt.result.kind });
      deliveryMetrics.settled.inc({ channel: delivery.channel, status: step.status });
      deliveryMetrics.attemptSeconds.observe({ channel: delivery.channel }, attempt.result.durationMs / 1000);
    }
    // The relay also polls; the nudge only shortens the wait once this transaction has committed.
    if (announcements.length > 0) setTimeout(() => this.relay.nudge(), 20).unref();
  }

  /** What the worker records when `attempt` itself failed (a database read, say): worth a retry. */
  failedAttempt(error: Error): AttemptRecord {
    return {
      at: this.clock.now(),
      result: { kind: 'RETRY', statusCode: null, error: error.message, retryAfterMs: null, durationMs: 0 },
    };
  }

  private async disable(manager: EntityManager, subscriptionId: string, at: Date): Promise<void> {
    const subscription = await this.subscriptions.get(manager, subscriptionId, true);
    if (!subscription) return;
    await this.subscriptions.update(manager, {
      ...subscription,
      enabled: false,
      disabledReason: `the webhook answered 410 Gone at ${at.toISOString()}`,
      updatedAt: this.clock.now().toISOString(),
    });
  }

  /** The `notification.delivered` / `notification.failed` outbox row of a delivery that is done. */
  private announcement(
    delivery: DeliveryRecord,
    event: EventEnvelope | undefined,
    step: NextStep,
  ): NewOutboxRow {
    const data = {
      deliveryId: delivery.id,
      ...(delivery.subscriptionId ? { subscriptionId: delivery.subscriptionId } : {}),
      channel: delivery.channel,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      attempts: delivery.attempts + 1,
    };
    // Caused by the event delivered, under its correlation: the trail leads back to the request.
    const cause = {
      correlationId: event?.correlationId ?? CorrelationContext.correlationId(),
      causationId: delivery.eventId,
      occurredAt: this.clock.now(),
    };
    const envelope =
      step.status === 'DEAD'
        ? createEnvelope(notificationFailedEvent, { ...data, error: step.error }, cause)
        : createEnvelope(notificationDeliveredEvent, data, cause);
    return {
      id: envelope.id,
      type: envelope.type,
      routingKey: envelope.type,
      payload: envelope,
      headers: { 'x-correlation-id': envelope.correlationId },
    };
  }
}

function distinct(ids: ReadonlyArray<string | null>): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

function refused(error: string): AttemptResult {
  return { kind: 'REJECTED', statusCode: null, error, retryAfterMs: null, durationMs: 0 };
}

function resultOf(outcome: AttemptOutcome): AttemptResult {
  switch (outcome.kind) {
    case 'SENT':
      return {
        kind: 'SENT',
        statusCode: outcome.statusCode,
        error: null,
        retryAfterMs: null,
        durationMs: outcome.durationMs,
      };
    case 'RETRY':
      return {
        kind: 'RETRY',
        statusCode: outcome.statusCode,
        error: outcome.error,
        retryAfterMs: outcome.retryAfterMs,
        durationMs: outcome.durationMs,
      };
    case 'GONE':
      return {
        kind: 'GONE',
        statusCode: 410,
        error: 'HTTP 410 Gone',
        retryAfterMs: null,
        durationMs: outcome.durationMs,
      };
    case 'REJECTED':
      return {
        kind: 'REJECTED',
        statusCode: outcome.statusCode,
        error: outcome.error,
        retryAfterMs: null,
        durationMs: outcome.durationMs,
      };
  }
}
