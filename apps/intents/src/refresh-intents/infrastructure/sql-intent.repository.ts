import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IntentStatus, RefreshType } from '@envrefresh/contracts';
import { ActorRef, canSeeIntentSql } from '@envrefresh/kernel';
import { SqlWrite } from '@envrefresh/persistence';
import { table } from '../../shared/infrastructure/intents-schema';
import {
  IntentPageQuery,
  IntentRepository,
  RefreshPageQuery,
  StoredIntent,
} from '../application/intent.repository.port';
import { ExecutionFacts } from '../domain/execution-facts';
import { IntentSource } from '../domain/intent-input.validation';
import { IntentState, RefreshIntent } from '../domain/refresh-intent';

interface IntentRow {
  id: string;
  environment_id: string;
  refresh_type: string;
  status: string;
  planned_start: Date;
  planned_end: Date;
  reason: string;
  source: IntentSource | null;
  notification_groups: string[];
  external_ref: string | null;
  requested_by: ActorRef;
  version: number;
  created_at: Date;
  updated_at: Date;
  approved_by: ActorRef | null;
  approved_at: Date | null;
  auto_approved: boolean;
  started_at: Date | null;
  completed_at: Date | null;
  completed_by: ActorRef | null;
  execution: ExecutionFacts | null;
}

const INTENTS = table('refresh_intents');
const ENVIRONMENTS = table('environments');
const COLUMNS = [
  'id',
  'environment_id',
  'refresh_type',
  'status',
  'planned_start',
  'planned_end',
  'reason',
  'source',
  'notification_groups',
  'external_ref',
  'requested_by',
  'version',
  'created_at',
  'updated_at',
  'approved_by',
  'approved_at',
  'auto_approved',
  'started_at',
  'completed_at',
  'completed_by',
  'execution',
] as const;
const SELECT_COLUMNS = COLUMNS.map((column) => `i.${column}`).join(', ');
/** Every column but the two that never change (id, created_at). */
const MUTABLE = COLUMNS.filter((column) => !['id', 'created_at'].includes(column));

@Injectable()
export class SqlIntentRepository implements IntentRepository {
  async insert(manager: EntityManager, intent: RefreshIntent): Promise<void> {
    const { sql, values } = this.insertWrite(intent);
    await manager.query(sql, [...values]);
  }

  insertWrite(intent: RefreshIntent): SqlWrite {
    const row = toRow(intent.snapshot());
    return {
      sql: `INSERT INTO ${INTENTS} (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})`,
      values: COLUMNS.map((column) => row[column]),
    };
  }

  async update(manager: EntityManager, intent: RefreshIntent): Promise<boolean> {
    const row = toRow(intent.snapshot());
    const assignments = MUTABLE.map((column, index) => `${column} = $${index + 3}`).join(', ');
    // For an UPDATE, TypeORM's raw query answers [rows, affected row count].
    const [, affected] = (await manager.query(
      `UPDATE ${INTENTS} SET ${assignments} WHERE id = $1 AND version = $2`,
      [row.id, intent.expectedStoredVersion, ...MUTABLE.map((column) => row[column])],
    )) as [unknown[], number];
    return affected === 1;
  }

  async findById(
    manager: EntityManager,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<StoredIntent | null> {
    const rows: (IntentRow & { owner_group: string | null; requires_approval: boolean | null })[] =
      await manager.query(
        `SELECT ${SELECT_COLUMNS}, e.owner_group, e.requires_approval
         FROM ${INTENTS} i LEFT JOIN ${ENVIRONMENTS} e ON e.id = i.environment_id
         WHERE i.id = $1${options.forUpdate ? ' FOR UPDATE OF i' : ''}`,
        [id],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      intent: RefreshIntent.restore(toState(row)),
      environment:
        row.owner_group === null
          ? null
          : { ownerGroup: row.owner_group, requiresApproval: row.requires_approval as boolean },
    };
  }

  async page(manager: EntityManager, query: IntentPageQuery): Promise<RefreshIntent[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    if (!query.viewer.all) {
      const groups = parameter(query.viewer.groups);
      conditions.push(
        canSeeIntentSql(
          {
            requestedBySub: "i.requested_by->>'sub'",
            notificationGroups: 'i.notification_groups',
            environmentOwnerGroup: 'e.owner_group',
          },
          { sub: parameter(query.viewer.sub), groups },
        ),
      );
    }
    if (query.status) conditions.push(`i.status = ${parameter(query.status)}`);
    if (query.environmentId) conditions.push(`i.environment_id = ${parameter(query.environmentId)}`);
    if (query.from) conditions.push(`i.planned_end > ${parameter(query.from)}`);
    if (query.to) conditions.push(`i.planned_start < ${parameter(query.to)}`);
    if (query.before) {
      conditions.push(
        `(i.created_at, i.id) < (${parameter(query.before.createdAt)}::timestamptz, ${parameter(query.before.id)}::uuid)`,
      );
    }
    const rows: IntentRow[] = await manager.query(
      `SELECT ${SELECT_COLUMNS}
       FROM ${INTENTS} i LEFT JOIN ${ENVIRONMENTS} e ON e.id = i.environment_id
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY i.created_at DESC, i.id DESC
       LIMIT ${parameter(query.limit)}`,
      parameters,
    );
    return rows.map((row) => RefreshIntent.restore(toState(row)));
  }

  async completedRefreshes(manager: EntityManager, query: RefreshPageQuery): Promise<IntentState[]> {
    const rows: IntentRow[] = await manager.query(
      `SELECT ${SELECT_COLUMNS} FROM ${INTENTS} i
       WHERE i.environment_id = $1 AND i.status = 'COMPLETED'
         AND ($2::timestamptz IS NULL OR (i.completed_at, md5(i.id::text)) < ($2::timestamptz, $3::text))
       ORDER BY i.completed_at DESC, md5(i.id::text) DESC
       LIMIT $4`,
      [query.environmentId, query.before?.completedAt ?? null, query.before?.idDigest ?? null, query.limit],
    );
    return rows.map(toState);
  }
}

function toRow(state: IntentState): Record<(typeof COLUMNS)[number], unknown> {
  return {
    id: state.id,
    environment_id: state.environmentId,
    refresh_type: state.refreshType,
    status: state.status,
    planned_start: state.plannedStart,
    planned_end: state.plannedEnd,
    reason: state.reason,
    source: state.source ? JSON.stringify(state.source) : null,
    notification_groups: state.notificationGroups,
    external_ref: state.externalRef,
    requested_by: JSON.stringify(state.requestedBy),
    version: state.version,
    created_at: state.createdAt,
    updated_at: state.updatedAt,
    approved_by: state.approvedBy ? JSON.stringify(state.approvedBy) : null,
    approved_at: state.approvedAt ?? null,
    auto_approved: state.autoApproved ?? false,
    started_at: state.startedAt ?? null,
    completed_at: state.completedAt ?? null,
    completed_by: state.completedBy ? JSON.stringify(state.completedBy) : null,
    execution: state.execution ? JSON.stringify(state.execution) : null,
  };
}

function toState(row: IntentRow): IntentState {
  return {
    id: row.id,
    environmentId: row.environment_id,
    refreshType: row.refresh_type as RefreshType,
    status: row.status as IntentStatus,
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    reason: row.reason,
    ...(row.source ? { source: row.source } : {}),
    notificationGroups: row.notification_groups,
    externalRef: row.external_ref,
    requestedBy: row.requested_by,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.approved_by ? { approvedBy: row.approved_by } : {}),
    ...(row.approved_at ? { approvedAt: row.approved_at } : {}),
    ...(row.auto_approved ? { autoApproved: true } : {}),
    ...(row.started_at ? { startedAt: row.started_at } : {}),
    ...(row.completed_at ? { completedAt: row.completed_at } : {}),
    ...(row.completed_by ? { completedBy: row.completed_by } : {}),
    ...(row.execution ? { execution: row.execution } : {}),
  };
}
