import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryView, EventEnvelope, NOTIFICATION_TEST_EVENT_TYPE } from '@envrefresh/contracts';
import { UnitOfWork } from '@envrefresh/messaging';
import { ActingUser, Clock, isUuid } from '@envrefresh/kernel';
import { CorrelationContext } from '@envrefresh/observability';
import {
  SUBSCRIPTION_REPOSITORY,
  SubscriptionRepository,
} from '../../subscriptions/application/subscription.repository.port';
import { subscriptionForbidden, subscriptionNotFound } from '../../subscriptions/domain/subscription.errors';
import { mayManageSubscriptionFor, maySeeSubscription } from '../../subscriptions/domain/subscription-policy';
import { DELIVERY_REPOSITORY, DeliveryRepository } from './delivery.repository.port';
import { DELIVERY_NUDGE, DeliveryNudge } from './delivery-nudge.port';
import { DELIVERY_SETTINGS, DeliverySettings } from './notifications.settings';

/** How often the answer looks whether the worker has tried the test delivery yet. */
const POLL_MS = 50;

/**
 * `POST /subscriptions/{id}/test`: a `notification.test` message, written as a delivery like any
 * other and sent at once by the same workers (same signing, same log), answered with the delivery
 * after its first attempt, or as it stands if that attempt outlasts the channel's timeout.
 */
@Injectable()
export class TestSubscriptionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    @Inject(SUBSCRIPTION_REPOSITORY) private readonly subscriptions: SubscriptionRepository,
    @Inject(DELIVERY_REPOSITORY) private readonly deliveries: DeliveryRepository,
    @Inject(DELIVERY_NUDGE) private readonly nudge: DeliveryNudge,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    private readonly clock: Clock,
  ) {}

  async execute(user: ActingUser, id: unknown): Promise<DeliveryView> {
    if (!isUuid(id)) throw subscriptionNotFound(id);
    const [deliveryId] = await this.unitOfWork.run(async ({ manager }) => {
      const subscription = await this.subscriptions.get(manager, id.toLowerCase());
      if (!subscription || !maySeeSubscription(user, subscription)) throw subscriptionNotFound(id);
      if (!mayManageSubscriptionFor(user, subscription.filter.groups))
        throw subscriptionForbidden('Only an admin, or a requester in every group it names, may test it');
      const now = this.clock.now();
      const event: EventEnvelope = {
        id: randomUUID(),
        type: NOTIFICATION_TEST_EVENT_TYPE,
        version: 1,
        occurredAt: now.toISOString(),
        source: 'notifications',
        correlationId: CorrelationContext.correlationId(),
        causationId: null,
        data: { subscriptionId: subscription.id, requestedBy: { sub: user.sub } },
      };
      return this.deliveries.insertPending(manager, {
        event,
        intentId: null,
        environmentId: null,
        destinations: [
          {
            key: `subscription:${subscription.id}`,
            channel: subscription.channel,
            target: subscription.target,
            subscriptionId: subscription.id,
            reasons: [`test requested by ${user.sub}`],
          },
        ],
        dueAt: now,
      });
    });
    this.nudge.nudge();
    const deadline = Date.now() + this.settings.sendTimeoutMs + 2_000;
    for (;;) {
      const view = (await this.deliveries.view(this.dataSource.manager, deliveryId, true)) as DeliveryView;
      if (view.attempts.length > 0 || Date.now() > deadline) return view;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
