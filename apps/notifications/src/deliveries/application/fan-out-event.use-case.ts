import { Inject, Injectable } from '@nestjs/common';
import { ANNOUNCED_EVENT_TYPES, EventEnvelope } from '@envrefresh/contracts';
import { TransactionContext } from '@envrefresh/messaging';
import { Clock, isUuid } from '@envrefresh/kernel';
import { WorldCatchUpService } from '../../intent-audiences/application/world-catch-up.service';
import { WORLD_REPOSITORY, WorldRepository } from '../../intent-audiences/application/world.repository.port';
import { reachedGroups } from '../../intent-audiences/domain/index';
import { EventSubjectRef, subjectRefOf } from '../../intent-audiences/domain/event-subject-ref';
import type { EventSubject } from '../../intent-audiences/domain/intent-audience';
import {
  SUBSCRIPTION_REPOSITORY,
  SubscriptionRepository,
} from '../../subscriptions/application/subscription.repository.port';
import { destinationsFor } from '../domain/destinations';
import { DELIVERY_NUDGE, DeliveryNudge } from './delivery-nudge.port';
import { DELIVERY_REPOSITORY, DeliveryRepository } from './delivery.repository.port';
import { DELIVERY_SETTINGS, DeliverySettings } from './notifications.settings';

/**
 * Who is told of one event, written as PENDING deliveries in the consuming transaction (the
 * inbox's): they exist if and only if the event was taken, and a redelivery adds none. Nothing is
 * sent here; the delivery worker does that, outside any transaction, woken once the transaction
 * has committed (its poll alone left each event's deliveries waiting up to
 * DELIVERY_POLL_INTERVAL_MS: half a second before the first of bench:notifications' fan-out).
 */
@Injectable()
export class FanOutEventUseCase {
  constructor(
    @Inject(WORLD_REPOSITORY) private readonly world: WorldRepository,
    private readonly catchUp: WorldCatchUpService,
    @Inject(SUBSCRIPTION_REPOSITORY) private readonly subscriptions: SubscriptionRepository,
    @Inject(DELIVERY_REPOSITORY) private readonly deliveries: DeliveryRepository,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    @Inject(DELIVERY_NUDGE) private readonly nudge: DeliveryNudge,
    private readonly clock: Clock,
  ) {}

  async execute({ manager, afterCommit }: TransactionContext, event: EventEnvelope): Promise<string[]> {
    const ref = subjectRefOf(event.type, event.data);
    let subject = await this.world.subjectOf(manager, ref);
    // Rarely anything to ask: the event's own environment and intent are usually known by now.
    if (lacksWhatItNames(ref, subject)) {
      await this.catchUp.forEvent(manager, ref);
      subject = await this.world.subjectOf(manager, ref);
    }
    const facts = {
      type: event.type,
      environmentId: ref.environmentId,
      tier: subject.environment?.tier ?? null,
    };
    const candidates = await this.subscriptions.enabledFor(manager, facts, ANNOUNCED_EVENT_TYPES);
    const requesterEmail = this.settings.emailEnabled ? (subject.intent?.requestedBy.email ?? null) : null;
    const destinations = destinationsFor({
      facts,
      reached: reachedGroups(subject),
      subscriptions: candidates,
      requesterEmail,
    });
    if (destinations.length === 0) return [];
    const written = await this.deliveries.insertPending(manager, {
      event,
      intentId: ref.intentId,
      environmentId: ref.environmentId,
      destinations,
      dueAt: this.clock.now(),
    });
    if (written.length > 0) afterCommit(() => this.nudge.nudge());
    return written;
  }
}

/** An environment or intent the event names that this service's projection does not hold. */
function lacksWhatItNames(ref: EventSubjectRef, subject: EventSubject): boolean {
  const named = (id: string | null | undefined): id is string => Boolean(id) && isUuid(id);
  return (named(ref.intentId) && !subject.intent) || (named(ref.environmentId) && !subject.environment);
}
