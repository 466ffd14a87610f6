import { DeliveryStatus, DeliveryView } from '../model/delivery-view';
import { SubscriptionFilter, SubscriptionView, SubscriptionWithSecret } from '../model/subscription-view';
import { NotificationChannel } from '../events/catalog/notification.events';
import { Idempotent } from './idempotency';
import { Page, PageQuery } from './page';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

/** Body of `POST /api/v1/subscriptions`. */
export interface CreateSubscriptionPayload {
  channel: NotificationChannel;
  target: string;
  secret?: string;
  filter?: SubscriptionFilter;
}

export const subscriptionsCreateRpc = defineRpc<
  RpcRequest<CreateSubscriptionPayload> & Idempotent,
  SubscriptionWithSecret
>()({
  pattern: 'notifications.subscriptions.create',
  service: 'notifications',
  description: 'An admin, or a member for their own groups, subscribes a destination to events.',
});

export interface ListSubscriptionsPayload extends PageQuery {
  /** Admins only: deleted subscriptions too, with `deletedAt` and `deletedBy`. */
  includeDeleted?: boolean;
}

export const subscriptionsListRpc = defineRpc<RpcRequest<ListSubscriptionsPayload>, Page<SubscriptionView>>()(
  {
    pattern: 'notifications.subscriptions.list',
    service: 'notifications',
    description: "Subscriptions of the caller's groups (admins: all), newest first.",
  },
);

export const subscriptionsDeleteRpc = defineRpc<RpcRequest<{ subscriptionId: string }>, SubscriptionView>()({
  pattern: 'notifications.subscriptions.delete',
  service: 'notifications',
  description:
    'Deletes a subscription: nothing more reaches it; it is kept, marked deleted, with its delivery log.',
});

export const subscriptionsUpdateRpc = defineRpc<
  RpcRequest<{ subscriptionId: string; enabled: boolean }>,
  SubscriptionView
>()({
  pattern: 'notifications.subscriptions.update',
  service: 'notifications',
  description: 'Pauses or resumes a subscription.',
});

export const subscriptionsRotateSecretRpc = defineRpc<
  RpcRequest<{ subscriptionId: string }>,
  SubscriptionWithSecret
>()({
  pattern: 'notifications.subscriptions.rotate-secret',
  service: 'notifications',
  description: 'A new webhook secret, returned once; the old one keeps signing for 24 h.',
});

export const subscriptionsTestRpc = defineRpc<RpcRequest<{ subscriptionId: string }>, DeliveryView>()({
  pattern: 'notifications.subscriptions.test',
  service: 'notifications',
  description: 'Sends a notification.test message at once and returns its delivery.',
});

export interface ListDeliveriesPayload extends PageQuery {
  intentId?: string;
  subscriptionId?: string;
  status?: DeliveryStatus;
}

export const deliveriesListRpc = defineRpc<RpcRequest<ListDeliveriesPayload>, Page<DeliveryView>>()({
  pattern: 'notifications.deliveries.list',
  service: 'notifications',
  description: 'The delivery log: admins all, others those of intents they may see, without targets.',
});

export const deliveriesRetryRpc = defineRpc<RpcRequest<{ deliveryId: string }>, DeliveryView>()({
  pattern: 'notifications.deliveries.retry',
  service: 'notifications',
  description: 'Admin: a DEAD delivery is tried again at once, with a fresh retry schedule.',
});

export interface ReplayDeliveriesPayload {
  subscriptionId: string;
  since: string;
  until: string;
}

export const deliveriesReplayRpc = defineRpc<
  RpcRequest<ReplayDeliveriesPayload>,
  { replayed: number; deliveryIds: string[] }
>()({
  pattern: 'notifications.deliveries.replay',
  service: 'notifications',
  description: 'Admin: sends again what was delivered or died in [since, until) to one subscription.',
});
