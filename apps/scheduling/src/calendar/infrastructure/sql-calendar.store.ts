import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { EnvironmentTier, WindowTiming } from '@envrefresh/contracts';
import { IntentViewer, canSeeIntentSql } from '@envrefresh/kernel';
import { upsertNewerVersion } from '@envrefresh/persistence';
import type { Interval, OccurrenceReach } from '@envrefresh/recurrence';
import { CalendarStore } from '../application/calendar-store.port';
import {
  CalendarBooking,
  CalendarEnvironment,
  CalendarRefresh,
  CalendarWindow,
  bookingVersion,
} from '../domain/calendar-sources';

const SCHEMA = 'scheduling';

interface Scope {
  environmentId?: string;
  environmentIds?: string[];
}

/** `AND environment_id …` for the filter, with its parameters appended to `params`. */
function scopeCondition(column: string, scope: Scope, params: unknown[]): string {
  let sql = '';
  if (scope.environmentId !== undefined) {
    params.push(scope.environmentId);
    sql += ` AND ${column} = $${params.length}`;
  }
  if (scope.environmentIds !== undefined) {
    params.push(scope.environmentIds);
    sql += ` AND ${column} = ANY ($${params.length}::uuid[])`;
  }
  return sql;
}

@Injectable()
export class SqlCalendarStore implements CalendarStore {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  saveEnvironment(manager: EntityManager, environment: CalendarEnvironment): Promise<boolean> {
    return upsertNewerVersion(
      manager,
      { schema: SCHEMA, table: 'calendar_environments', key: 'id' },
      {
        id: environment.id,
        key: environment.key,
        tier: environment.tier,
        owner_group: environment.ownerGroup,
        maintenance_windows: JSON.stringify(environment.maintenanceWindows),
        updated_at: environment.updatedAt,
        // An environment's version is when it last changed, as the other projections compare it.
        version: environment.updatedAt.getTime(),
      },
    );
  }

  saveRefresh(manager: EntityManager, refresh: CalendarRefresh): Promise<boolean> {
    return upsertNewerVersion(
      manager,
      { schema: SCHEMA, table: 'calendar_refreshes', key: 'intent_id' },
      {
        intent_id: refresh.intentId,
        environment_id: refresh.environmentId,
        refresh_type: refresh.refreshType,
        status: refresh.status,
        planned_start: refresh.plannedStart,
        planned_end: refresh.plannedEnd,
        requested_by_sub: refresh.requestedBySub,
        notification_groups: refresh.notificationGroups,
        updated_at: refresh.updatedAt,
        version: refresh.version,
      },
    );
  }

  saveBooking(manager: EntityManager, booking: CalendarBooking): Promise<boolean> {
    return upsertNewerVersion(
      manager,
      { schema: SCHEMA, table: 'calendar_bookings', key: 'id' },
      {
        id: booking.id,
        environment_id: booking.environmentId,
        starts_at: booking.start,
        ends_at: booking.end,
        group_key: booking.group,
        purpose: booking.purpose,
        priority: booking.priority,
        cancelled: booking.cancelled,
        updated_at: booking.updatedAt,
        version: bookingVersion(booking),
      },
    );
  }

  saveWindow(
    manager: EntityManager,
    window: CalendarWindow,
    reach: OccurrenceReach,
    deleted: boolean,
  ): Promise<boolean> {
    return upsertNewerVersion(
      manager,
      { schema: SCHEMA, table: 'calendar_windows', key: 'id' },
      {
        id: window.id,
        kind: window.kind,
        name: window.name,
        scope_environment_ids: window.scopeEnvironmentIds,
        scope_tiers: window.scopeTiers,
        timing: JSON.stringify(window.timing),
        reach_start: reach.start,
        reach_end: reach.end,
        deleted,
        updated_at: window.updatedAt,
        // A window is created, then deleted: nothing else changes it.
        version: deleted ? 2 : 1,
      },
    );
  }

  async markWindowDeleted(manager: EntityManager, windowId: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await manager.query(
      `UPDATE ${SCHEMA}.calendar_windows SET deleted = true, version = 2 WHERE id = $1 AND version < 2 RETURNING 1`,
      [windowId],
    );
    return rows.length === 1;
  }

  async generation(): Promise<number> {
    const [row]: { generation: string }[] = await this.dataSource.query(
      `SELECT generation FROM ${SCHEMA}.calendar_generation`,
    );
    return Number(row.generation);
  }

  environmentVersions(ids: readonly string[]): Promise<Map<string, number>> {
    return this.versions('calendar_environments', 'id', ids);
  }

  refreshVersions(ids: readonly string[]): Promise<Map<string, number>> {
    return this.versions('calendar_refreshes', 'intent_id', ids);
  }

  async liveWindowIds(ids: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM ${SCHEMA}.calendar_windows WHERE id = ANY ($1::uuid[]) AND NOT deleted`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  private async versions(table: string, key: string, ids: readonly string[]): Promise<Map<string, number>> {
    const rows: { id: string; version: string | number }[] = await this.dataSource.query(
      `SELECT ${key} AS id, version FROM ${SCHEMA}.${table} WHERE ${key} = ANY ($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, Number(row.version)]));
  }

  async environments(): Promise<CalendarEnvironment[]> {
    const rows: EnvironmentRow[] = await this.dataSource.query(
      `SELECT id, key, tier, owner_group, maintenance_windows, updated_at FROM ${SCHEMA}.calendar_environments`,
    );
    return rows.map((row) => ({
      id: row.id,
      key: row.key,
      tier: row.tier,
      ownerGroup: row.owner_group,
      maintenanceWindows: row.maintenance_windows,
      updatedAt: row.updated_at,
    }));
  }

  async refreshesWithin(range: Interval, scope: Scope, viewer: IntentViewer): Promise<CalendarRefresh[]> {
    const params: unknown[] = [range.start, range.end];
    let visibility = '';
    if (!viewer.isAdmin) {
      params.push(viewer.sub, viewer.groups);
      visibility = ` AND ${canSeeIntentSql(
        {
          requestedBySub: 'r.requested_by_sub',
          notificationGroups: 'r.notification_groups',
          environmentOwnerGroup: 'e.owner_group',
        },
        { sub: `$${params.length - 1}`, groups: `$${params.length}` },
      )}`;
    }
    const rows: RefreshRow[] = await this.dataSource.query(
      `SELECT r.* FROM ${SCHEMA}.calendar_refreshes r
         LEFT JOIN ${SCHEMA}.calendar_environments e ON e.id = r.environment_id
        WHERE r.planned_start < $2 AND r.planned_end > $1 AND r.status <> 'DRAFT'
        ${scopeCondition('r.environment_id', scope, params)}${visibility}`,
      params,
    );
    return rows.map((row) => ({
      intentId: row.intent_id,
      environmentId: row.environment_id,
      refreshType: row.refresh_type,
      status: row.status,
      plannedStart: row.planned_start,
      plannedEnd: row.planned_end,
      requestedBySub: row.requested_by_sub,
      notificationGroups: row.notification_groups,
      version: row.version,
      updatedAt: row.updated_at,
    }));
  }

  async bookingsWithin(range: Interval, scope: Scope): Promise<CalendarBooking[]> {
    const params: unknown[] = [range.start, range.end];
    const rows: BookingRow[] = await this.dataSource.query(
      `SELECT * FROM ${SCHEMA}.calendar_bookings
        WHERE starts_at < $2 AND ends_at > $1 ${scopeCondition('environment_id', scope, params)}`,
      params,
    );
    return rows.map((row) => ({
      id: row.id,
      environmentId: row.environment_id,
      start: row.starts_at,
      end: row.ends_at,
      group: row.group_key,
      purpose: row.purpose,
      priority: row.priority,
      cancelled: row.cancelled,
      updatedAt: row.updated_at,
    }));
  }

  async windowsWithin(range: Interval): Promise<CalendarWindow[]> {
    const rows: WindowRow[] = await this.dataSource.query(
      `SELECT * FROM ${SCHEMA}.calendar_windows
        WHERE NOT deleted AND reach_start < $2 AND (reach_end IS NULL OR reach_end > $1)`,
      [range.start, range.end],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      name: row.name,
      scopeEnvironmentIds: row.scope_environment_ids,
      scopeTiers: row.scope_tiers,
      timing: row.timing,
      updatedAt: row.updated_at,
    }));
  }
}

interface EnvironmentRow {
  id: string;
  key: string;
  tier: EnvironmentTier;
  owner_group: string;
  maintenance_windows: CalendarEnvironment['maintenanceWindows'];
  updated_at: Date;
}

interface RefreshRow {
  intent_id: string;
  environment_id: string;
  refresh_type: CalendarRefresh['refreshType'];
  status: CalendarRefresh['status'];
  planned_start: Date;
  planned_end: Date;
  requested_by_sub: string;
  notification_groups: string[];
  version: number;
  updated_at: Date;
}

interface BookingRow {
  id: string;
  environment_id: string;
  starts_at: Date;
  ends_at: Date;
  group_key: string;
  purpose: string;
  priority: CalendarBooking['priority'];
  cancelled: boolean;
  updated_at: Date;
}

interface WindowRow {
  id: string;
  kind: CalendarWindow['kind'];
  name: string;
  scope_environment_ids: string[];
  scope_tiers: EnvironmentTier[];
  timing: WindowTiming;
  updated_at: Date;
}
