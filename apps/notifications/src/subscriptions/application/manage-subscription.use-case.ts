import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SubscriptionView, SubscriptionWithSecret } from '@envrefresh/contracts';
import { UnitOfWork } from '@envrefresh/messaging';
import { ActingUser, Clock, ValidationError, actorRefOf, isUuid } from '@envrefresh/kernel';
import { SECRET_ROTATION_OVERLAP_MS, Subscription } from '../domain/subscription';
import { notAWebhook, subscriptionForbidden, subscriptionNotFound } from '../domain/subscription.errors';
import { mayManageSubscriptionFor, maySeeSubscription } from '../domain/subscription-policy';
import { SUBSCRIPTION_REPOSITORY, SubscriptionRepository } from './subscription.repository.port';
import { toSubscriptionView } from './subscription-view.mapper';
import { generateWebhookSecret } from './webhook-secrets';

/** Delete, pause or resume, rotate the secret: each on a subscription the caller may manage. */
@Injectable()
export class ManageSubscriptionUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(SUBSCRIPTION_REPOSITORY) private readonly subscriptions: SubscriptionRepository,
    private readonly clock: Clock,
  ) {}

  delete(user: ActingUser, id: unknown): Promise<SubscriptionView> {
    return this.managed(user, id, async (manager, subscription) => {
      const at = this.clock.now();
      const by = actorRefOf(user);
      await this.subscriptions.markDeleted(manager, subscription.id, at, by);
      return toSubscriptionView({ ...subscription, enabled: false, deleted: { at: at.toISOString(), by } });
    });
  }

  setEnabled(user: ActingUser, id: unknown, enabled: unknown): Promise<SubscriptionView> {
    if (typeof enabled !== 'boolean')
      throw subscriptionInvalid('enabled', 'must be true (resume) or false (pause)');
    return this.managed(user, id, async (manager, subscription) => {
      const changed: Subscription = {
        ...subscription,
        enabled,
        disabledReason: enabled ? null : subscription.disabledReason,
        updatedAt: this.clock.now().toISOString(),
      };
      await this.subscriptions.update(manager, changed);
      return toSubscriptionView(changed);
    });
  }

  /** A new secret, shown once; the one it replaces keeps signing for 24 h so receivers can switch. */
  rotateSecret(user: ActingUser, id: unknown): Promise<SubscriptionWithSecret> {
    return this.managed(user, id, async (manager, subscription) => {
      if (subscription.channel !== 'WEBHOOK') throw notAWebhook(subscription.id);
      const now = this.clock.now();
      const secret = generateWebhookSecret();
      const rotated: Subscription = {
        ...subscription,
        secret,
        previousSecret: subscription.secret,
        previousSecretUntil: new Date(now.getTime() + SECRET_ROTATION_OVERLAP_MS).toISOString(),
        updatedAt: now.toISOString(),
      };
      await this.subscriptions.update(manager, rotated);
      return { ...toSubscriptionView(rotated), secret };
    });
  }

  private managed<T>(
    user: ActingUser,
    id: unknown,
    work: (manager: EntityManager, subscription: Subscription) => Promise<T>,
  ): Promise<T> {
    if (!isUuid(id)) throw subscriptionNotFound(id);
    return this.unitOfWork.run(async ({ manager }) => {
      const subscription = await this.subscriptions.get(manager, id.toLowerCase(), true);
      if (!subscription || !maySeeSubscription(user, subscription)) throw subscriptionNotFound(id);
      if (!mayManageSubscriptionFor(user, subscription.filter.groups))
        throw subscriptionForbidden('Only an admin, or a requester in every group it names, may change it');
      return work(manager, subscription);
    });
  }
}

function subscriptionInvalid(field: string, message: string) {
  return new ValidationError('SUBSCRIPTION.INVALID', [{ field, message }]);
}
