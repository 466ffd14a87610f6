import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BookingView, EnvironmentView } from '@envrefresh/contracts';
import { isUuid } from '@envrefresh/kernel';
import { queryPrepared, upsertNewerVersion } from '@envrefresh/persistence';
import { MAX_DEPENDENCY_DEPTH, WorldRepository } from '../application/world.repository.port';
import { EventSubjectRef } from '../domain/event-subject-ref';
import { EnvironmentFact, EventSubject, IntentAudience } from '../domain/intent-audience';

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

  /**
   * The environment, the intent, the bookings overlapping the intent's window in its environment
   * and the environments depending on the environment (transitively, each at the depth it is first
   * reached): one statement, since every event's fan-out reads them all.
   */
  async subjectOf(manager: EntityManager, ref: EventSubjectRef): Promise<EventSubject> {
    const [row] = await queryPrepared<SubjectRow>(manager, SUBJECT_OF, [
      ref.environmentId && isUuid(ref.environmentId) ? ref.environmentId : null,
      ref.intentId && isUuid(ref.intentId) ? ref.intentId : null,
      MAX_DEPENDENCY_DEPTH,
    ]);
    const environment = row.environment ? toFact(row.environment) : null;
    const intent = row.intent ? toAudience(row.intent) : null;
    return {
      environment,
      intent,
      overlappingBookings: intent?.planned
        ? row.bookings.map((booking) => ({ id: booking.id, group: booking.group_key }))
        : [],
      dependents: environment
        ? row.dependents.map((dependent) => ({
            key: dependent.key,
            ownerGroup: dependent.owner_group,
            depth: Number(dependent.depth),
          }))
        : [],
      ...(ref.booking ? { bookingGroup: { bookingId: ref.booking.id, group: ref.booking.group } } : {}),
    };
  }
}

/** Columns as JSON: timestamps arrive as text, so the mappers read them with Date.parse. */
type Json<TRow> = {
  [K in keyof TRow]: TRow[K] extends Date ? string : TRow[K] extends Date | null ? string | null : TRow[K];
};

interface SubjectRow {
  environment: Json<EnvironmentRow> | null;
  intent: Json<IntentRow> | null;
  bookings: Array<{ id: string; group_key: string }>;
  dependents: Array<{ key: string; owner_group: string; depth: number }>;
}

const SUBJECT_OF = `
  WITH RECURSIVE
    env AS (SELECT * FROM notifications.environments WHERE id = $1::uuid),
    intent AS (SELECT * FROM notifications.intent_audiences WHERE intent_id = $2::uuid),
    reached (key, owner_group, depth, path) AS (
      SELECT e.key, e.owner_group, 1, ARRAY[env.key, e.key]
        FROM env JOIN notifications.environments e ON env.key = ANY (e.depends_on)
      UNION ALL
      SELECT e.key, e.owner_group, r.depth + 1, r.path || e.key
        FROM reached r JOIN notifications.environments e ON r.key = ANY (e.depends_on)
       WHERE NOT e.key = ANY (r.path) AND r.depth < $3)
  SELECT
    (SELECT json_build_object('id', id, 'key', key, 'name', name, 'tier', tier, 'owner_group', owner_group,
              'depends_on', depends_on, 'timezone', timezone, 'updated_at', updated_at) FROM env) AS environment,
    (SELECT json_build_object('intent_id', intent_id, 'environment_id', environment_id, 'status', status,
              'requested_by', requested_by, 'notification_groups', notification_groups, 'version', version,
              'planned_start', lower(planned), 'planned_end', upper(planned)) FROM intent) AS intent,
    (SELECT coalesce(json_agg(json_build_object('id', b.id, 'group_key', b.group_key)
              ORDER BY lower(b.during), b.id), '[]'::json)
       FROM notifications.bookings b JOIN intent i ON b.environment_id::text = i.environment_id
      WHERE NOT b.cancelled AND b.during && i.planned) AS bookings,
    (SELECT coalesce(json_agg(json_build_object('key', key, 'owner_group', owner_group, 'depth', depth)
              ORDER BY key), '[]'::json)
       FROM (SELECT DISTINCT ON (key) key, owner_group, depth FROM reached ORDER BY key, depth) first_reached)
      AS dependents`;

function toAudience(row: Json<IntentRow>): IntentAudience {
  return {
    intentId: row.intent_id,
    environmentId: row.environment_id,
    status: row.status,
    requestedBy: row.requested_by,
    notificationGroups: row.notification_groups,
    planned:
      row.planned_start && row.planned_end
        ? { start: isoOf(row.planned_start), end: isoOf(row.planned_end) }
        : null,
    version: row.version,
  };
}

function isoOf(instant: string): string {
  return new Date(instant).toISOString();
}

function toFact(row: EnvironmentRow | Json<EnvironmentRow>): EnvironmentFact {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    tier: row.tier,
    ownerGroup: row.owner_group,
    dependsOn: row.depends_on,
    timezone: row.timezone,
    updatedAt: typeof row.updated_at === 'string' ? isoOf(row.updated_at) : row.updated_at.toISOString(),
  };
}
