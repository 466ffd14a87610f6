import {
  ANNOUNCED_EVENT_TYPES,
  EnvironmentTier,
  NotificationChannel,
  SubscriptionFilter,
} from '@envrefresh/contracts';
import { ActorRef } from '@envrefresh/kernel';

/** How long a rotated-out webhook secret keeps signing beside the new one. */
export const SECRET_ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** A filter as stored: absent lists are empty (no narrowing); absent event types are the default set. */
export interface StoredFilter {
  groups: string[];
  environmentIds: string[];
  tiers: EnvironmentTier[];
  eventTypes: string[] | null;
}

export interface Subscription {
  id: string;
  channel: NotificationChannel;
  /** The whole URL or address; shown to nobody after creation (see displayTarget). */
  target: string;
  secret: string | null;
  previousSecret: string | null;
  previousSecretUntil: string | null;
  filter: StoredFilter;
  enabled: boolean;
  disabledReason: string | null;
  createdBy: ActorRef;
  createdAt: string;
  updatedAt: string;
  /** Once deleted: kept for the record (without secrets), never matched again. `by` is null for rows deleted before it was recorded. */
  deleted?: { at: string; by: ActorRef | null };
}

/** What fan-out reads of a candidate: enough to match it and to address it. */
export type SubscriptionMatch = Pick<
  Subscription,
  'id' | 'channel' | 'target' | 'filter' | 'enabled' | 'createdAt'
>;

/** What an attempt reads of its subscription: whether it may still send, and what signs. */
export type SubscriptionSigning = Pick<
  Subscription,
  'id' | 'enabled' | 'disabledReason' | 'secret' | 'previousSecret' | 'previousSecretUntil'
>;

/** What an event is about, as far as a filter can tell. */
export interface FilterFacts {
  type: string;
  environmentId: string | null;
  tier: string | null;
}

export function eventTypesOf(filter: StoredFilter): readonly string[] {
  return filter.eventTypes ?? ANNOUNCED_EVENT_TYPES;
}

/**
 * Whether the event passes the filter's event types, environments and tiers. Groups are not
 * judged here: they say who the subscription speaks for (see matchReasons).
 */
export function passesFilter(subscription: SubscriptionMatch, facts: FilterFacts): boolean {
  if (!subscription.enabled) return false;
  const { filter } = subscription;
  if (!eventTypesOf(filter).includes(facts.type)) return false;
  if (
    filter.environmentIds.length > 0 &&
    !(facts.environmentId && filter.environmentIds.includes(facts.environmentId))
  )
    return false;
  if (filter.tiers.length > 0 && !(facts.tier && (filter.tiers as string[]).includes(facts.tier)))
    return false;
  return true;
}

/**
 * Why a subscription is told of an event, or nothing when it is not: a subscription without
 * groups hears every event its filter passes; one naming groups is how those groups are reached,
 * so it hears an event only when one of them is reached (with that group's reasons).
 */
export function matchReasons(
  subscription: SubscriptionMatch,
  facts: FilterFacts,
  reached: ReadonlyArray<{ group: string; reasons: string[] }>,
): string[] {
  if (!passesFilter(subscription, facts)) return [];
  if (subscription.filter.groups.length === 0) return [`subscribed to ${facts.type}`];
  return reached
    .filter(({ group }) => subscription.filter.groups.includes(group))
    .flatMap(({ group, reasons }) => reasons.map((reason) => `${group}: ${reason}`));
}

/** Secrets that sign now, newest first: two during a rotation's overlap. */
export function signingSecrets(subscription: SubscriptionSigning, now: Date): string[] {
  const secrets = subscription.secret ? [subscription.secret] : [];
  if (
    subscription.previousSecret &&
    subscription.previousSecretUntil &&
    new Date(subscription.previousSecretUntil).getTime() > now.getTime()
  )
    secrets.push(subscription.previousSecret);
  return secrets;
}

/** Scheme and host of a URL, or `mailto:` and the domain of an address: what lists may show. */
export function displayTarget(channel: NotificationChannel, target: string): string {
  if (channel === 'EMAIL') return `mailto:${target.slice(target.lastIndexOf('@') + 1)}`;
  try {
    const url = new URL(target);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '(unreadable target)';
  }
}

export function toFilterView(filter: StoredFilter): SubscriptionFilter {
  return {
    ...(filter.groups.length ? { groups: filter.groups } : {}),
    ...(filter.environmentIds.length ? { environmentIds: filter.environmentIds } : {}),
    ...(filter.tiers.length ? { tiers: filter.tiers } : {}),
    ...(filter.eventTypes ? { eventTypes: filter.eventTypes } : {}),
  };
}
