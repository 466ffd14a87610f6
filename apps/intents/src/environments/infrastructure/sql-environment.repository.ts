import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnvironmentTier, MaintenanceWindow } from '@envrefresh/contracts';
import { isUuid } from '@envrefresh/kernel';
import { isUniqueViolation } from '@envrefresh/application';
import { table } from '../../shared/infrastructure/intents-schema';
import { EnvironmentPageQuery, EnvironmentRepository } from '../application/environment.repository.port';
import { Environment, EnvironmentState } from '../domain/environment';
import { environmentKeyTaken } from '../domain/environment.errors';
import { queryPrepared } from '@envrefresh/persistence';

interface EnvironmentRow {
  id: string;
  key: string;
  name: string;
  tier: string;
  owner_group: string;
  depends_on: string[];
  maintenance_windows: MaintenanceWindow[];
  requires_approval: boolean;
  timezone: string;
  reminder_lead_times: string[];
  overrun_grace: string;
  last_refreshed_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const ENVIRONMENTS = table('environments');
const COLUMNS = `id, key, name, tier, owner_group, depends_on, maintenance_windows, requires_approval, timezone,
  reminder_lead_times, overrun_grace, last_refreshed_at, version, created_at, updated_at`;

@Injectable()
export class SqlEnvironmentRepository implements EnvironmentRepository {
  async insert(manager: EntityManager, environment: Environment): Promise<void> {
    const state = environment.snapshot();
    try {
      await manager.query(
        `INSERT INTO ${ENVIRONMENTS} (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        toParameters(state),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw environmentKeyTaken(state.key);
      throw error;
    }
  }

  async update(manager: EntityManager, environment: Environment): Promise<void> {
    const state = environment.snapshot();
    await manager.query(
      `UPDATE ${ENVIRONMENTS} SET name = $2, tier = $3, owner_group = $4, depends_on = $5, maintenance_windows = $6,
         requires_approval = $7, timezone = $8, reminder_lead_times = $9, overrun_grace = $10, last_refreshed_at = $11,
         version = $12, updated_at = $13
       WHERE id = $1`,
      [
        state.id,
        state.name,
        state.tier,
        state.ownerGroup,
        state.dependsOn,
        JSON.stringify(state.maintenanceWindows),
        state.requiresApproval,
        state.timezone,
        state.reminderLeadTimes,
        state.overrunGrace,
        state.lastRefreshedAt,
        state.version,
        state.updatedAt,
      ],
    );
  }

  async findByRef(
    manager: EntityManager,
    ref: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Environment | null> {
    const column = isUuid(ref) ? 'id' : 'key';
    const rows = await queryPrepared<EnvironmentRow>(
      manager,
      `SELECT ${COLUMNS} FROM ${ENVIRONMENTS} WHERE ${column} = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [ref],
    );
    return rows[0] ? toDomain(rows[0]) : null;
  }

  async findById(
    manager: EntityManager,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Environment | null> {
    return isUuid(id) ? this.findByRef(manager, id, options) : null;
  }

  async keysThatExist(manager: EntityManager, keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { key: string }[] = await manager.query(
      `SELECT key FROM ${ENVIRONMENTS} WHERE key = ANY($1)`,
      [[...keys]],
    );
    return new Set(rows.map((row) => row.key));
  }

  async dependencyEdges(manager: EntityManager): Promise<Map<string, string[]>> {
    const rows: { key: string; depends_on: string[] }[] = await manager.query(
      `SELECT key, depends_on FROM ${ENVIRONMENTS} WHERE cardinality(depends_on) > 0`,
    );
    return new Map(rows.map((row) => [row.key, row.depends_on]));
  }

  async lockDependencyGraph(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('envrefresh:intents:environment-graph'))`);
  }

  async page(manager: EntityManager, query: EnvironmentPageQuery): Promise<Environment[]> {
    const rows: EnvironmentRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${ENVIRONMENTS}
       WHERE ($1::text IS NULL OR key > $1) AND ($2::text IS NULL OR tier = $2)
       ORDER BY key LIMIT $3`,
      [query.afterKey ?? null, query.tier ?? null, query.limit],
    );
    return rows.map(toDomain);
  }
}

function toParameters(state: EnvironmentState): unknown[] {
  return [
    state.id,
    state.key,
    state.name,
    state.tier,
    state.ownerGroup,
    state.dependsOn,
    JSON.stringify(state.maintenanceWindows),
    state.requiresApproval,
    state.timezone,
    state.reminderLeadTimes,
    state.overrunGrace,
    state.lastRefreshedAt,
    state.version,
    state.createdAt,
    state.updatedAt,
  ];
}

function toDomain(row: EnvironmentRow): Environment {
  return Environment.restore({
    id: row.id,
    key: row.key,
    name: row.name,
    tier: row.tier as EnvironmentTier,
    ownerGroup: row.owner_group,
    dependsOn: row.depends_on,
    maintenanceWindows: row.maintenance_windows,
    requiresApproval: row.requires_approval,
    timezone: row.timezone,
    reminderLeadTimes: row.reminder_lead_times,
    overrunGrace: row.overrun_grace,
    lastRefreshedAt: row.last_refreshed_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}
