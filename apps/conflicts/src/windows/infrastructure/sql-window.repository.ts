import { bumpWorldRevision } from '../../shared/infrastructure/world-revision.sql';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnvironmentTier, WindowKind } from '@envrefresh/contracts';
import { ActorRef } from '@envrefresh/kernel';
import { WindowPageQuery, WindowRepository } from '../application/window.repository.port';
import { Window } from '../domain/window';
import { Timing } from '../domain/window-request.validation';
import { WINDOW_COLUMNS, WindowRow } from '../../shared/infrastructure/world-rows';

/** The catalog's window row, with who made it and when, and who deleted it and when. */
interface WindowRecordRow extends WindowRow {
  created_by: ActorRef;
  created_at: Date;
  deleted_by: ActorRef | null;
  deleted_at: Date | null;
}

const WINDOWS = 'conflicts.windows';
const COLUMNS = `${WINDOW_COLUMNS}, created_by, created_at, deleted_by, deleted_at`;
const STANDING = 'deleted_at IS NULL';

@Injectable()
export class SqlWindowRepository implements WindowRepository {
  async insert(manager: EntityManager, window: Window): Promise<void> {
    const { id, kind, name, scope, timing, span, createdBy, createdAt } = window.snapshot();
    const oneOff = timing.form === 'one-off' ? timing : undefined;
    const recurring = timing.form === 'recurring' ? timing : undefined;
    // A NULL bound of tstzrange is unbounded: a recurrence without an end reaches into the future.
    await manager.query(
      `INSERT INTO ${WINDOWS} (id, kind, name, scope_environment_ids, scope_tiers, during,
         rrule, duration, timezone, starts_at, until, span, created_by, created_at)
       VALUES ($1, $2, $3, $4::uuid[], $5::text[],
         CASE WHEN $6::timestamptz IS NULL THEN NULL ELSE tstzrange($6, $7, '[)') END,
         $8, $9, $10, $11, $12, tstzrange($13, $14, '[)'), $15, $16)`,
      [
        id,
        kind,
        name,
        scope.environmentIds,
        scope.tiers,
        oneOff?.start ?? null,
        oneOff?.end ?? null,
        recurring?.rrule ?? null,
        recurring?.duration ?? null,
        recurring?.timezone ?? null,
        recurring?.startsAt ?? null,
        recurring?.until ?? null,
        span.start,
        span.end,
        JSON.stringify(createdBy),
        createdAt,
      ],
    );
    await bumpWorldRevision(manager);
  }

  async findById(manager: EntityManager, id: string): Promise<Window | null> {
    const rows: WindowRecordRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${WINDOWS} WHERE id = $1 AND ${STANDING}`,
      [id],
    );
    return rows[0] ? toDomain(rows[0]) : null;
  }

  async markDeleted(manager: EntityManager, id: string, by: ActorRef, at: Date): Promise<Window | null> {
    const [rows]: [WindowRecordRow[], number] = await manager.query(
      `UPDATE ${WINDOWS} SET deleted_by = $2, deleted_at = $3 WHERE id = $1 AND ${STANDING}
       RETURNING ${COLUMNS}`,
      [id, JSON.stringify(by), at],
    );
    if (!rows[0]) return null;
    await bumpWorldRevision(manager);
    return toDomain(rows[0]);
  }

  async page(manager: EntityManager, query: WindowPageQuery): Promise<Window[]> {
    // Covering an environment: globally (empty scope), by its id, or by the tier it has in the
    // projection (`&&`, not `@>`: an unknown environment has no tier, and every array contains '{}').
    const rows: WindowRecordRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${WINDOWS}
       WHERE ($1::text IS NULL OR kind = $1)
         AND ($2::uuid IS NULL
           OR (cardinality(scope_environment_ids) = 0 AND cardinality(scope_tiers) = 0)
           OR scope_environment_ids @> ARRAY[$2::uuid]
           OR scope_tiers && ARRAY(SELECT tier FROM conflicts.environments WHERE id = $2::uuid))
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
         AND ($6::boolean OR ${STANDING})
       ORDER BY created_at DESC, id DESC
       LIMIT $5`,
      [
        query.kind ?? null,
        query.coveringEnvironmentId ?? null,
        query.before?.createdAt ?? null,
        query.before?.id ?? null,
        query.limit,
        query.includeDeleted,
      ],
    );
    return rows.map(toDomain);
  }
}

function toDomain(row: WindowRecordRow): Window {
  return Window.restore({
    id: row.id,
    kind: row.kind as WindowKind,
    name: row.name,
    scope: { environmentIds: row.scope_environment_ids, tiers: row.scope_tiers as EnvironmentTier[] },
    timing: timingOf(row),
    span: { start: row.span_start, end: row.span_end },
    createdBy: row.created_by,
    createdAt: row.created_at,
    ...(row.deleted_at && row.deleted_by ? { deleted: { by: row.deleted_by, at: row.deleted_at } } : {}),
  });
}

function timingOf(row: WindowRecordRow): Timing {
  if (row.start && row.end) return { form: 'one-off', start: row.start, end: row.end };
  return {
    form: 'recurring',
    rrule: row.rrule as string,
    duration: row.duration as string,
    timezone: row.timezone as string,
    startsAt: row.starts_at as Date,
    ...(row.until ? { until: row.until } : {}),
  };
}
