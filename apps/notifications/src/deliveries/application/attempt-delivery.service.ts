import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { createEnvelope, notificationDeliveredEvent, notificationFailedEvent } from '@envrefresh/contracts';
import { OutboxRepository, OutboxRelay } from '@envrefresh/messaging';
import { Clock } from '@envrefresh/kernel';
import {
  AttemptOutcome,
  CHANNEL_SENDER,
  ChannelSender,
  EnvironmentFacts,
} from '../../channels/application/channel-sender.port';
import { WORLD_REPOSITORY, WorldRepository } from '../../intent-audiences/application/world.repository.port';
import {
  SUBSCRIPTION_REPOSITORY,
  SubscriptionRepository,
} from '../../subscriptions/application/subscription.repository.port';
import { signingSecrets } from '../../subscriptions/domain/index';
import { AttemptResult, NextStep, nextStep } from '../domain/delivery-progress';
import { AttemptRecord, DeliveryRecord } from '../domain/delivery';
import { DELIVERY_REPOSITORY, DeliveryRepository } from './delivery.repository.port';
import { deliveryMetrics } from './delivery-metrics';
import { DELIVERY_SETTINGS, DeliverySettings } from './notifications.settings';

/**
 * One attempt at one delivery, in the two halves ADR 0015 asks for: `attempt` calls the channel
 * with no transaction open; `settle` records what happened (the attempt, the next step, the
 * `notification.*` event) in a transaction of its own, run by the due-row worker only while it
 * still holds the lease.
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
    private readonly clock: Clock,
  ) {}

  async attempt(delivery: DeliveryRecord): Promise<AttemptRecord> {
    const at = this.clock.now();
    const reads = this.dataSource.manager;
    let secrets: string[] = [];
    if (delivery.subscriptionId) {
      const subscription = await this.subscriptions.get(reads, delivery.subscriptionId);
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
    const environment = delivery.environmentId
      ? await this.world.environment(reads, delivery.environmentId)
      : null;
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
      event: delivery.event,
      reasons: delivery.reasons,
      environment: facts,
      attempt: delivery.attempts + 1,
    });
    return { at, result: resultOf(outcome) };
  }

  async settle(manager: EntityManager, delivery: DeliveryRecord, attempt: AttemptRecord): Promise<void> {
    const step = nextStep(attempt.result, delivery.scheduleStep, this.settings.retrySchedule);
    await this.deliveries.recordAttempt(manager, delivery, attempt);
    await this.deliveries.progress(manager, delivery, step, this.clock.now());
    if (step.status === 'DEAD' && step.disableSubscription && delivery.subscriptionId)
      await this.disable(manager, delivery.subscriptionId, attempt.at);
    if (step.status !== 'RETRYING') await this.announce(manager, delivery, step);
    deliveryMetrics.attempts.inc({ channel: delivery.channel, outcome: attempt.result.kind });
    deliveryMetrics.settled.inc({ channel: delivery.channel, status: step.status });
    deliveryMetrics.attemptSeconds.observe({ channel: delivery.channel }, attempt.result.durationMs / 1000);
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

  private async announce(manager: EntityManager, delivery: DeliveryRecord, step: NextStep): Promise<void> {
    const data = {
      deliveryId: delivery.id,
      ...(delivery.subscriptionId ? { subscriptionId: delivery.subscriptionId } : {}),
      channel: delivery.channel,
      eventId: delivery.event.id,
      eventType: delivery.event.type,
      attempts: delivery.attempts + 1,
    };
    // Caused by the event delivered, under its correlation: the trail leads back to the request.
    const cause = {
      correlationId: delivery.event.correlationId,
      causationId: delivery.event.id,
      occurredAt: this.clock.now(),
    };
    const envelope =
      step.status === 'DEAD'
        ? createEnvelope(notificationFailedEvent, { ...data, error: step.error }, cause)
        : createEnvelope(notificationDeliveredEvent, data, cause);
    await this.outbox.append(manager, {
      id: envelope.id,
      type: envelope.type,
      routingKey: envelope.type,
      payload: envelope,
      headers: { 'x-correlation-id': envelope.correlationId },
    });
    // The relay also polls; the nudge only shortens the wait once this transaction has committed.
    setTimeout(() => this.relay.nudge(), 20).unref();
  }
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
