import type { EntityManager } from 'typeorm';
import { ActorRef } from '@envrefresh/kernel';
import { FilterFacts, Subscription, SubscriptionMatch, SubscriptionSigning } from '../domain/subscription';

/** Where a list page starts: after this (createdAt, id), newest first. */
export interface SubscriptionPosition {
  createdAt: string;
  id: string;
}

export interface SubscriptionListQuery {
  limit: number;
  after?: SubscriptionPosition;
  /** Non-admins: only subscriptions naming one of these groups. Absent: all. */
  groups?: readonly string[];
  /** Deleted ones too (an admin's audit); otherwise only live ones. */
  includeDeleted?: boolean;
}

export interface SubscriptionRepository {
  insert(manager: EntityManager, subscription: Subscription): Promise<void>;
  /** A live (not deleted) subscription, locked for update when `lock`. */
  get(manager: EntityManager, id: string, lock?: boolean): Promise<Subscription | null>;
  /** What the deliveries about to be attempted need of the live ones among these ids, by id. */
  signingOf(manager: EntityManager, ids: readonly string[]): Promise<Map<string, SubscriptionSigning>>;
  list(manager: EntityManager, query: SubscriptionListQuery): Promise<Subscription[]>;
  /**
   * Fan-out's candidates: every enabled live subscription whose filter passes these facts (event
   * types, with `defaultTypes` for a filter naming none; environments; tiers), judged in the query
   * so an event reads the few subscriptions it concerns, not all of them. The same rule as
   * `passesFilter`, which the caller still applies; it may return more, never fewer.
   */
  enabledFor(
    manager: EntityManager,
    facts: FilterFacts,
    defaultTypes: readonly string[],
  ): Promise<SubscriptionMatch[]>;
  update(manager: EntityManager, subscription: Subscription): Promise<void>;
  /** Keeps the row, marked deleted by `by` at `at`, disabled and without its secrets. */
  markDeleted(manager: EntityManager, id: string, at: Date, by: ActorRef): Promise<void>;
}

export const SUBSCRIPTION_REPOSITORY = Symbol('SubscriptionRepository');
