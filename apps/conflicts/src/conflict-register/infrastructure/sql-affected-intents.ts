import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AffectedIntents, ChangeScope } from '../application/affected-intents.port';

const ACTIVE = `status IN ('REQUESTED', 'APPROVED', 'SCHEDULED', 'IN_PROGRESS')`;
const IN_SPAN = `($4::timestamptz IS NULL OR planned && tstzrange($4::timestamptz, $5::timestamptz, '[)'))`;

/**
 * $1 ids, $2 tiers, $3 everywhere: the seed environments; the walk adds everything connected to
 * them. UNION (not UNION ALL) makes each environment appear once, so even a cyclic graph ends.
 */
const AROUND_SQL = `
WITH RECURSIVE
  seed AS (
    SELECT id, key, depends_on FROM conflicts.environments
     WHERE $3::boolean OR id = ANY ($1::uuid[]) OR tier = ANY ($2::text[])
  ),
  upstream(id, key, depends_on) AS (
    SELECT id, key, depends_on FROM seed
    UNION
    SELECT e.id, e.key, e.depends_on FROM upstream u JOIN conflicts.environments e ON e.key = ANY (u.depends_on)
  ),
  downstream(id, key) AS (
    SELECT id, key FROM seed
    UNION
    SELECT e.id, e.key FROM downstream d JOIN conflicts.environments e ON e.depends_on @> ARRAY[d.key]
  ),
  connected AS (SELECT id FROM upstream UNION SELECT id FROM downstream UNION SELECT unnest($1::uuid[]))
SELECT intent_id FROM conflicts.intent_windows
 WHERE ${ACTIVE} AND ${IN_SPAN} AND environment_id IN (SELECT id FROM connected)
UNION
SELECT intent_id FROM conflicts.intent_windows
 WHERE ${ACTIVE} AND ${IN_SPAN}
   AND ((source_environment_id IS NOT NULL AND source_environment_id = $6::uuid)
        OR (source_snapshot IS NOT NULL AND source_snapshot = $7::text))`;

@Injectable()
export class SqlAffectedIntents implements AffectedIntents {
  async around(manager: EntityManager, scope: ChangeScope): Promise<string[]> {
    const rows = (await manager.query(AROUND_SQL, [
      scope.environmentIds ?? [],
      scope.tiers ?? [],
      scope.everywhere ?? false,
      scope.span?.start.toISOString() ?? null,
      scope.span?.end?.toISOString() ?? null,
      scope.source?.environmentId ?? null,
      scope.source?.snapshot ?? null,
    ])) as { intent_id: string }[];
    return rows.map((row) => row.intent_id);
  }
}
