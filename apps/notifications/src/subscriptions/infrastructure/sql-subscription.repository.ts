import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnvironmentTier, NotificationChannel } from '@envrefresh/contracts';
import { ActorRef } from '@envrefresh/kernel';
import { SubscriptionListQuery, SubscriptionRepository } from '../application/subscription.repository.port';
import { FilterFacts, Subscription, SubscriptionMatch, SubscriptionSigning } from '../domain/subscription';
import { queryPrepared } from '@envrefresh/persistence';

interface SubscriptionRow {
  id: string;
  channel: NotificationChannel;
  target: string;
  secret: string | null;
  previous_secret: string | null;
  previous_secret_until: Date | null;
  filter_groups: string[];
  filter_environment_ids: string[];
  filter_tiers: EnvironmentTier[];
  filter_event_types: string[] | null;
  enabled: boolean;
  disabled_reason: string | null;
  created_by: ActorRef;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  deleted_by: ActorRef | null;
}

type MatchRow = Pick<
  SubscriptionRow,
  | 'id'
  | 'channel'
  | 'target'
  | 'filter_groups'
  | 'filter_environment_ids'
  | 'filter_tiers'
  | 'filter_event_types'
  | 'enabled'
  | 'created_at'
>;

type SigningRow = Pick<
  SubscriptionRow,
  'id' | 'enabled' | 'disabled_reason' | 'secret' | 'previous_secret' | 'previous_secret_until'
>;

const LIVE = 'deleted_at IS NULL';

@Injectable()
export class SqlSubscriptionRepository implements SubscriptionRepository {
  async insert(manager: EntityManager, s: Subscription): Promise<void> {
    await manager.query(
      `INSERT INTO notifications.subscriptions (id, channel, target, secret, previous_secret, previous_secret_until,
         filter_groups, filter_environment_ids, filter_tiers, filter_event_types, enabled, disabled_reason,
         created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        s.id,
        s.channel,
        s.target,
        s.secret,
        s.previousSecret,
        s.previousSecretUntil,
        s.filter.groups,
        s.filter.environmentIds,
        s.filter.tiers,
        s.filter.eventTypes,
        s.enabled,
        s.disabledReason,
        JSON.stringify(s.createdBy),
        s.createdAt,
        s.updatedAt,
      ],
    );
  }

  async get(manager: EntityManager, id: string, lock = false): Promise<Subscription | null> {
    const rows: SubscriptionRow[] = await manager.query(
      `SELECT * FROM notifications.subscriptions WHERE id = $1 AND ${LIVE}${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toSubscription(rows[0]) : null;
  }

  async signingOf(manager: EntityManager, ids: readonly string[]): Promise<Map<string, SubscriptionSigning>> {
    if (ids.length === 0) return new Map();
    // Only what an attempt reads: a claim of a hundred deliveries parses a hundred of these rows.
    const rows: SigningRow[] = await manager.query(
      `SELECT id, enabled, disabled_reason, secret, previous_secret, previous_secret_until
         FROM notifications.subscriptions WHERE id = ANY ($1::uuid[]) AND ${LIVE}`,
      [ids],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          enabled: row.enabled,
          disabledReason: row.disabled_reason,
          secret: row.secret,
          previousSecret: row.previous_secret,
          previousSecretUntil: row.previous_secret_until?.toISOString() ?? null,
        },
      ]),
    );
  }

  async list(manager: EntityManager, query: SubscriptionListQuery): Promise<Subscription[]> {
    const params: unknown[] = [query.limit + 1];
    const where = query.includeDeleted ? ['true'] : [LIVE];
    if (query.groups) {
      params.push(query.groups);
      where.push(`filter_groups && $${params.length}::text[]`);
    }
    if (query.after) {
      params.push(query.after.createdAt, query.after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows: SubscriptionRow[] = await manager.query(
      `SELECT * FROM notifications.subscriptions WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC, id DESC LIMIT $1`,
      params,
    );
    return rows.map(toSubscription);
  }

  async enabledFor(
    manager: EntityManager,
    facts: FilterFacts,
    defaultTypes: readonly string[],
  ): Promise<SubscriptionMatch[]> {
    // passesFilter's rule in SQL: an empty list does not narrow; a list narrows to its members,
    // and an event without an environment (or tier) passes no list of them (NULL = ANY is NULL).
    // Only the columns a match reads: a fan-out to a thousand parses a thousand rows first.
    const rows = await queryPrepared<MatchRow>(
      manager,
      `SELECT id, channel, target, filter_groups, filter_environment_ids, filter_tiers, filter_event_types,
              enabled, created_at
         FROM notifications.subscriptions
        WHERE ${LIVE} AND enabled
          AND (filter_event_types IS NULL AND $2 OR $1 = ANY (filter_event_types))
          AND (cardinality(filter_environment_ids) = 0 OR $3::text = ANY (filter_environment_ids))
          AND (cardinality(filter_tiers) = 0 OR $4::text = ANY (filter_tiers))`,
      [facts.type, defaultTypes.includes(facts.type), facts.environmentId, facts.tier],
    );
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      target: row.target,
      filter: filterOf(row),
      enabled: row.enabled,
      createdAt: row.created_at.toISOString(),
    }));
  }

  async update(manager: EntityManager, s: Subscription): Promise<void> {
    await manager.query(
      `UPDATE notifications.subscriptions SET secret = $2, previous_secret = $3, previous_secret_until = $4,
         enabled = $5, disabled_reason = $6, updated_at = $7 WHERE id = $1`,
      [s.id, s.secret, s.previousSecret, s.previousSecretUntil, s.enabled, s.disabledReason, s.updatedAt],
    );
  }

  async markDeleted(manager: EntityManager, id: string, at: Date, by: ActorRef): Promise<void> {
    await manager.query(
      `UPDATE notifications.subscriptions SET deleted_at = $2, deleted_by = $3, enabled = false, secret = NULL,
         previous_secret = NULL
        WHERE id = $1`,
      [id, at.toISOString(), JSON.stringify(by)],
    );
  }
}

function toSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    channel: row.channel,
    target: row.target,
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretUntil: row.previous_secret_until?.toISOString() ?? null,
    filter: filterOf(row),
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(row.deleted_at ? { deleted: { at: row.deleted_at.toISOString(), by: row.deleted_by } } : {}),
  };
}

function filterOf(row: MatchRow): Subscription['filter'] {
  return {
    groups: row.filter_groups,
    environmentIds: row.filter_environment_ids,
    tiers: row.filter_tiers,
    eventTypes: row.filter_event_types,
  };
}
