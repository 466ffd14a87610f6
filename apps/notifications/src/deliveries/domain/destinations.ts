import { ANNOUNCED_EVENT_TYPES, NotificationChannel } from '@envrefresh/contracts';
import { ReachedGroup } from '../../intent-audiences/domain/index';
import { FilterFacts, SubscriptionMatch, matchReasons } from '../../subscriptions/domain/index';

/** One place a message goes: a subscription's target, or the requester's mailbox. */
export interface Destination {
  /** What makes two matches the same destination (one message per destination per event). */
  key: string;
  channel: NotificationChannel;
  target: string;
  /** The subscription it came through; null for the requester's own e-mail. */
  subscriptionId: string | null;
  reasons: string[];
}

export interface DestinationInput {
  facts: FilterFacts;
  reached: ReachedGroup[];
  subscriptions: SubscriptionMatch[];
  /** The intent's requester, when there is one and e-mail is configured (SMTP_URL). */
  requesterEmail: string | null;
}

/**
 * Every destination of one event, each once with all its reasons. E-mail destinations are keyed
 * by address, so the requester who also subscribed their own address gets one message; the
 * others by subscription.
 */
export function destinationsFor({
  facts,
  reached,
  subscriptions,
  requesterEmail,
}: DestinationInput): Destination[] {
  const byKey = new Map<string, Destination>();
  const add = (destination: Destination) => {
    const known = byKey.get(destination.key);
    if (!known) return void byKey.set(destination.key, destination);
    for (const reason of destination.reasons) if (!known.reasons.includes(reason)) known.reasons.push(reason);
    known.subscriptionId ??= destination.subscriptionId;
  };
  // ISO timestamps in UTC sort as strings; localeCompare would ask ICU's collator for each pair.
  for (const subscription of [...subscriptions].sort((a, b) => byText(a.createdAt, b.createdAt))) {
    const reasons = matchReasons(subscription, facts, reached);
    if (reasons.length === 0) continue;
    add({
      key: keyOf(subscription.channel, subscription.target, subscription.id),
      channel: subscription.channel,
      target: subscription.target,
      subscriptionId: subscription.id,
      reasons,
    });
  }
  if (requesterEmail && ANNOUNCED_EVENT_TYPES.includes(facts.type as never))
    add({
      key: keyOf('EMAIL', requesterEmail, null),
      channel: 'EMAIL',
      target: requesterEmail,
      subscriptionId: null,
      reasons: ['requested the refresh'],
    });
  return [...byKey.values()];
}

function keyOf(channel: NotificationChannel, target: string, subscriptionId: string | null): string {
  return channel === 'EMAIL' ? `email:${target.toLowerCase()}` : `subscription:${subscriptionId}`;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
