import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ActorRef, ConflictView } from '@envrefresh/contracts';
import { Finding } from '../../detection/domain/situation';
import { canSeeIntentSql } from '@envrefresh/kernel';
import {
  ConflictListQuery,
  ConflictOnIntent,
  ConflictRegister,
  StoredConflict,
} from '../application/conflict-register.port';
import { LiveConflict } from '../domain/reconciliation';
import { CONFLICT_COLUMNS, ConflictRow, conflictColumns, toConflictView } from './conflict-row.mapper';

export const CONFLICTS_TABLE = 'conflicts.conflicts';
const TABLE = CONFLICTS_TABLE;

/** The related intent of a conflict about one (`r`) and its environment (`re`): who may see it now. */
const RELATED_INTENT_JOIN = `
  LEFT JOIN conflicts.intent_windows r
    ON c.related_ref ->> 'kind' = 'INTENT' AND r.intent_id = (c.related_ref ->> 'id')::uuid
  LEFT JOIN conflicts.environments re ON re.id = r.environment_id`;

const STORED_CONFLICT_COLUMNS = `${conflictColumns('c')}, c.discreet_explanation,
  r.requested_by AS related_requested_by, r.notification_groups AS related_notification_groups,
  re.owner_group AS related_owner_group`;

type StoredConflictRow = ConflictRow & {
  discreet_explanation: string | null;
  related_requested_by: string | null;
  related_notification_groups: string[] | null;
  related_owner_group: string | null;
};

function toStoredConflict(row: StoredConflictRow): StoredConflict {
  return {
    view: toConflictView(row),
    discretion: {
      audience:
        row.related_requested_by === null
          ? null
          : {
              requestedBySub: row.related_requested_by,
              notificationGroups: row.related_notification_groups ?? [],
              environmentOwnerGroup: row.related_owner_group,
            },
      discreetExplanation: row.discreet_explanation,
    },
  };
}

@Injectable()
export class SqlConflictRegister implements ConflictRegister {
  async liveFor(manager: EntityManager, intentId: string): Promise<LiveConflict[]> {
    const rows = (await manager.query(
      `SELECT id, cause_key, severity, lower("window") AS start, upper("window") AS "end", explanation,
         discreet_explanation, status
         FROM ${TABLE} WHERE intent_id = $1 AND status <> 'RESOLVED' ORDER BY id FOR UPDATE`,
      [intentId],
    )) as {
      id: string;
      cause_key: string;
      severity: LiveConflict['severity'];
      start: Date;
      end: Date;
      explanation: string;
      discreet_explanation: string | null;
      status: LiveConflict['status'];
    }[];
    return rows.map((row) => ({
      id: row.id,
      causeKey: row.cause_key,
      severity: row.severity,
      window: { start: row.start, end: row.end },
      explanation: row.explanation,
      discreetExplanation: row.discreet_explanation,
      status: row.status,
    }));
  }

  async detect(
    manager: EntityManager,
    intent: { intentId: string; environmentId: string },
    finding: Finding,
    causeKey: string,
    at: Date,
  ): Promise<ConflictView> {
    return this.one(
      manager,
      `INSERT INTO ${TABLE} (id, intent_id, environment_id, type, severity, rule, explanation, related_ref,
         "window", status, cause_key, discreet_explanation, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, tstzrange($9, $10, '[)'), 'OPEN', $11, $12, $13, $13)
       RETURNING ${CONFLICT_COLUMNS}`,
      [
        randomUUID(),
        intent.intentId,
        intent.environmentId,
        finding.type,
        finding.severity,
        finding.rule,
        finding.explanation,
        JSON.stringify(finding.relatedRef),
        finding.window.start.toISOString(),
        finding.window.end.toISOString(),
        causeKey,
        finding.concerning?.discreetExplanation ?? null,
        at.toISOString(),
      ],
    );
  }

  resolve(manager: EntityManager, conflictId: string, at: Date): Promise<ConflictView> {
    return this.one(
      manager,
      `UPDATE ${TABLE} SET status = 'RESOLVED', resolved_at = $2, updated_at = $2 WHERE id = $1
       RETURNING ${CONFLICT_COLUMNS}`,
      [conflictId, at.toISOString()],
    );
  }

  async reword(
    manager: EntityManager,
    conflictId: string,
    words: { explanation: string; discreetExplanation: string | null },
    at: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE ${TABLE} SET explanation = $2, discreet_explanation = $3, updated_at = $4 WHERE id = $1`,
      [conflictId, words.explanation, words.discreetExplanation, at.toISOString()],
    );
  }

  async lock(manager: EntityManager, conflictId: string): Promise<ConflictOnIntent | null> {
    const [row] = (await manager.query(
      `SELECT ${STORED_CONFLICT_COLUMNS}, i.requested_by, i.notification_groups, e.owner_group
         FROM ${TABLE} c
         LEFT JOIN conflicts.intent_windows i ON i.intent_id = c.intent_id
         LEFT JOIN conflicts.environments e ON e.id = c.environment_id
         ${RELATED_INTENT_JOIN}
        WHERE c.id = $1
        FOR UPDATE OF c`,
      [conflictId],
    )) as (StoredConflictRow & {
      requested_by: string | null;
      notification_groups: string[] | null;
      owner_group: string | null;
    })[];
    if (!row) return null;
    return {
      conflict: toConflictView(row),
      discretion: toStoredConflict(row).discretion,
      audience: {
        requestedBySub: row.requested_by,
        notificationGroups: row.notification_groups ?? [],
        environmentOwnerGroup: row.owner_group,
      },
    };
  }

  acknowledge(
    manager: EntityManager,
    conflictId: string,
    by: ActorRef,
    at: Date,
    notes?: string,
  ): Promise<ConflictView> {
    return this.one(
      manager,
      `UPDATE ${TABLE} SET status = 'ACKNOWLEDGED', acknowledged_by = $2, acknowledged_at = $3,
         justification = $4, updated_at = $3
       WHERE id = $1 RETURNING ${CONFLICT_COLUMNS}`,
      [conflictId, JSON.stringify(by), at.toISOString(), notes ?? null],
    );
  }

  override(
    manager: EntityManager,
    conflictId: string,
    by: ActorRef,
    at: Date,
    justification: string,
  ): Promise<ConflictView> {
    return this.one(
      manager,
      `UPDATE ${TABLE} SET status = 'OVERRIDDEN', overridden_by = $2, overridden_at = $3, justification = $4,
         updated_at = $3
       WHERE id = $1 RETURNING ${CONFLICT_COLUMNS}`,
      [conflictId, JSON.stringify(by), at.toISOString(), justification],
    );
  }

  async openBlockingFor(manager: EntityManager, intentId: string): Promise<ConflictView[]> {
    const rows: ConflictRow[] = await manager.query(
      `SELECT ${CONFLICT_COLUMNS} FROM ${TABLE}
        WHERE intent_id = $1 AND status = 'OPEN' AND severity = 'BLOCKING'
        ORDER BY lower("window"), id`,
      [intentId],
    );
    return rows.map(toConflictView);
  }

  async allFor(manager: EntityManager, intentId: string): Promise<StoredConflict[]> {
    const rows: StoredConflictRow[] = await manager.query(
      `SELECT ${STORED_CONFLICT_COLUMNS} FROM ${TABLE} c ${RELATED_INTENT_JOIN}
        WHERE c.intent_id = $1 ORDER BY lower(c."window"), c.created_at, c.id`,
      [intentId],
    );
    return rows.map(toStoredConflict);
  }

  async list(manager: EntityManager, query: ConflictListQuery): Promise<StoredConflict[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const bind = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    if (query.status) conditions.push(`c.status = ${bind(query.status)}`);
    if (query.environmentId) conditions.push(`c.environment_id = ${bind(query.environmentId)}`);
    if (query.intentId) conditions.push(`c.intent_id = ${bind(query.intentId)}`);
    if (!query.viewer.isAdmin) {
      const groups = bind(query.viewer.groups);
      conditions.push(
        canSeeIntentSql(
          {
            requestedBySub: 'i.requested_by',
            notificationGroups: 'i.notification_groups',
            environmentOwnerGroup: 'e.owner_group',
          },
          { sub: bind(query.viewer.sub), groups },
        ),
      );
    }
    if (query.after) {
      conditions.push(
        `(c.created_at, c.id) < (${bind(query.after.createdAt)}::timestamptz, ${bind(query.after.id)}::uuid)`,
      );
    }
    const rows: StoredConflictRow[] = await manager.query(
      `SELECT ${STORED_CONFLICT_COLUMNS} FROM ${TABLE} c
         LEFT JOIN conflicts.intent_windows i ON i.intent_id = c.intent_id
         LEFT JOIN conflicts.environments e ON e.id = c.environment_id
         ${RELATED_INTENT_JOIN}
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT ${bind(query.limit)}`,
      parameters,
    );
    return rows.map(toStoredConflict);
  }

  async intentsReferencing(manager: EntityManager, relatedId: string): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT intent_id FROM ${TABLE} WHERE related_ref ->> 'id' = $1 AND status <> 'RESOLVED'`,
      [relatedId],
    )) as { intent_id: string }[];
    return rows.map((row) => row.intent_id);
  }

  private async one(manager: EntityManager, sql: string, parameters: unknown[]): Promise<ConflictView> {
    const result = (await manager.query(sql, parameters)) as ConflictRow[] | [ConflictRow[], number];
    const rows = Array.isArray(result[0]) ? (result[0] as ConflictRow[]) : (result as ConflictRow[]);
    return toConflictView(rows[0]);
  }
}
