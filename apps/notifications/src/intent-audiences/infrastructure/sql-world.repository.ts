import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BookingView, EnvironmentView } from '@envrefresh/contracts';
import { upsertNewerVersion } from '@envrefresh/persistence';
import { MAX_DEPENDENCY_DEPTH, WorldRepository } from '../application/world.repository.port';
import { EventSubjectRef } from '../domain/event-subject-ref';
import {
  DependentEnvironment,
  EnvironmentFact,
  EventSubject,
  IntentAudience,
} from '../domain/intent-audience';

interface EnvironmentRow {
  id: string;
  key: string;
  name: string;
  tier: string;
  owner_group: string;
  depends_on: string[];
  timezone: string;
  updated_at: Date;
}

interface IntentRow {
  intent_id: string;
  environment_id: string;
  status: string;
  requested_by: IntentAudience['requestedBy'];
  notification_groups: string[];
  planned_start: Date | null;
  planned_end: Date | null;
  version: number;
}

@Injectable()
export class SqlWorldRepository implements WorldRepository {
  saveIntent(manager: EntityManager, audience: IntentAudience): Promise<boolean> {
    return upsertNewerVersion(
      manager,
      { schema: 'notifications', table: 'intent_audiences', key: 'intent_id' },
      {
        intent_id: audience.intentId,
        environment_id: audience.environmentId,
        status: audience.status,
        requested_by: JSON.stringify(audience.requestedBy),
        notification_groups: audience.notificationGroups,
        planned: audience.planned ? `[${audience.planned.start},${audience.planned.end})` : null,
        version: audience.version,
      },
    );
  }

  async saveEnvironment(manager: EntityManager, environment: EnvironmentView): Promise<void> {
    // Newest wins by updatedAt: an older upsert redelivered late does not undo a newer one.
    await manager.query(
      `INSERT INTO notifications.environments (id, key, name, tier, owner_group, depends_on, timezone, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET key = EXCLUDED.key, name = EXCLUDED.name, tier = EXCLUDED.tier,
         owner_group = EXCLUDED.owner_group, depends_on = EXCLUDED.depends_on, timezone = EXCLUDED.timezone,
         updated_at = EXCLUDED.updated_at
       WHERE notifications.environments.updated_at <= EXCLUDED.updated_at`,
      [
        environment.id,
        environment.key,
        environment.name,
        environment.tier,
        environment.ownerGroup,
        environment.dependsOn,
        environment.timezone,
        environment.updatedAt,
      ],
    );
  }

  async saveBooking(manager: EntityManager, booking: BookingView): Promise<void> {
    // A cancellation is final: a late booking.created never revives it.
    await manager.query(
      `INSERT INTO notifications.bookings (id, environment_id, group_key, during, cancelled)
       VALUES ($1, $2, $3, tstzrange($4, $5, '[)'), $6)
       ON CONFLICT (id) DO UPDATE SET cancelled = notifications.bookings.cancelled OR EXCLUDED.cancelled`,
      [
        booking.id,
        booking.environmentId,
        booking.group,
        booking.start,
        booking.end,
        Boolean(booking.cancelledAt),
      ],
    );
  }

  async environment(manager: EntityManager, id: string): Promise<EnvironmentFact | null> {
    const rows: EnvironmentRow[] = await manager.query(
      `SELECT * FROM notifications.environments WHERE id = $1`,
      [id],
    );
    return rows[0] ? toFact(rows[0]) : null;
  }

  async environments(manager: EntityManager, ids: readonly string[]): Promise<Map<string, EnvironmentFact>> {
    if (ids.length === 0) return new Map();
    const rows: EnvironmentRow[] = await manager.query(
      `SELECT * FROM notifications.environments WHERE id = ANY ($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, toFact(row)]));
  }

  async knownEnvironments(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM notifications.environments WHERE id = ANY ($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  async knownIntents(manager: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ intent_id: string }> = await manager.query(
      `SELECT intent_id FROM notifications.intent_audiences WHERE intent_id = ANY ($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((row) => row.intent_id));
  }

  async subjectOf(manager: EntityManager, ref: EventSubjectRef): Promise<EventSubject> {
    const environment = ref.environmentId ? await this.environment(manager, ref.environmentId) : null;
    const intent = ref.intentId ? await this.intent(manager, ref.intentId) : null;
    return {
      environment,
      intent,
      overlappingBookings: intent?.planned ? await this.overlapping(manager, intent) : [],
      dependents: environment ? await this.dependents(manager, environment.key) : [],
      ...(ref.booking ? { bookingGroup: { bookingId: ref.booking.id, group: ref.booking.group } } : {}),
    };
  }

  private async intent(manager: EntityManager, id: string): Promise<IntentAudience | null> {
    const rows: IntentRow[] = await manager.query(
      `SELECT intent_id, environment_id, status, requested_by, notification_groups, version,
              lower(planned) AS planned_start, upper(planned) AS planned_end
         FROM notifications.intent_audiences WHERE intent_id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      intentId: row.intent_id,
      environmentId: row.environment_id,
      status: row.status,
      requestedBy: row.requested_by,
      notificationGroups: row.notification_groups,
      planned:
        row.planned_start && row.planned_end
          ? { start: row.planned_start.toISOString(), end: row.planned_end.toISOString() }
          : null,
      version: row.version,
    };
  }

  private async overlapping(
    manager: EntityManager,
    intent: IntentAudience,
  ): Promise<Array<{ id: string; group: string }>> {
    const rows: Array<{ id: string; group_key: string }> = await manager.query(
      `SELECT id, group_key FROM notifications.bookings
        WHERE environment_id = $1 AND NOT cancelled AND during && tstzrange($2, $3, '[)')
        ORDER BY lower(during), id`,
      [intent.environmentId, intent.planned!.start, intent.planned!.end],
    );
    return rows.map((row) => ({ id: row.id, group: row.group_key }));
  }

  /** Environments whose dependsOn reaches `key`, at the depth they are first reached. */
  private async dependents(manager: EntityManager, key: string): Promise<DependentEnvironment[]> {
    const rows: Array<{ key: string; owner_group: string; depth: number }> = await manager.query(
      `WITH RECURSIVE reached (key, owner_group, depth, path) AS (
         SELECT e.key, e.owner_group, 1, ARRAY[$1::text, e.key]
           FROM notifications.environments e WHERE $1 = ANY (e.depends_on)
         UNION ALL
         SELECT e.key, e.owner_group, r.depth + 1, r.path || e.key
           FROM reached r JOIN notifications.environments e ON r.key = ANY (e.depends_on)
          WHERE NOT e.key = ANY (r.path) AND r.depth < $2)
       SELECT DISTINCT ON (key) key, owner_group, depth FROM reached ORDER BY key, depth`,
      [key, MAX_DEPENDENCY_DEPTH],
    );
    return rows.map((row) => ({ key: row.key, ownerGroup: row.owner_group, depth: Number(row.depth) }));
  }
}

function toFact(row: EnvironmentRow): EnvironmentFact {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    tier: row.tier,
    ownerGroup: row.owner_group,
    dependsOn: row.depends_on,
    timezone: row.timezone,
    updatedAt: row.updated_at.toISOString(),
  };
}
