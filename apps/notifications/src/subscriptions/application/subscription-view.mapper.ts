import { SubscriptionView } from '@envrefresh/contracts';
import { Subscription, displayTarget, toFilterView } from '../domain/subscription';

/** What anyone is shown of a subscription: scheme and host of its target, never a secret. */
export function toSubscriptionView(subscription: Subscription): SubscriptionView {
  return {
    id: subscription.id,
    channel: subscription.channel,
    target: displayTarget(subscription.channel, subscription.target),
    filter: toFilterView(subscription.filter),
    enabled: subscription.enabled,
    disabledReason: subscription.disabledReason,
    createdBy: subscription.createdBy,
    createdAt: subscription.createdAt,
    updatedAt: subscription.updatedAt,
    ...(subscription.deleted
      ? {
          deletedAt: subscription.deleted.at,
          ...(subscription.deleted.by ? { deletedBy: subscription.deleted.by } : {}),
        }
      : {}),
  };
}
