/**
 * The queries behind a Situation. Each reads one GiST index over (environment, range): Postgres
 * finds the overlaps, Node only expands recurring windows within the asked span.
 */
import { INTENT_WINDOW_COLUMNS as INTENT_COLUMNS } from '../../world/infrastructure/world-rows';

const ACTIVE = `status IN ('REQUESTED', 'APPROVED', 'SCHEDULED', 'IN_PROGRESS')`;
const NOT_CANDIDATE = `($4::uuid IS NULL OR intent_id <> $4::uuid)`;
const IN_SPAN = `planned && tstzrange($2::timestamptz, $3::timestamptz, '[)')`;

/** $1 environment ids, $2/$3 span, $4 the candidate's intent id (or null), $5 source environment, $6 snapshot. */
export const INTENTS_SQL = `
SELECT ${INTENT_COLUMNS} FROM conflicts.intent_windows
 WHERE ${ACTIVE} AND environment_id = ANY ($1::uuid[]) AND ${IN_SPAN} AND ${NOT_CANDIDATE}
UNION
SELECT ${INTENT_COLUMNS} FROM conflicts.intent_windows
 WHERE ${ACTIVE} AND source_environment_id IS NOT NULL AND source_environment_id = $5::uuid AND ${IN_SPAN}
   AND ${NOT_CANDIDATE}
UNION
SELECT ${INTENT_COLUMNS} FROM conflicts.intent_windows
 WHERE ${ACTIVE} AND source_snapshot IS NOT NULL AND source_snapshot = $6::text AND ${IN_SPAN} AND ${NOT_CANDIDATE}`;

/** $1 environment ids, $2/$3 span. */
export const BOOKINGS_SQL = `
SELECT id, environment_id, lower(during) AS start, upper(during) AS "end", group_key, purpose, priority
  FROM conflicts.bookings
 WHERE cancelled_at IS NULL AND environment_id = ANY ($1::uuid[])
   AND during && tstzrange($2::timestamptz, $3::timestamptz, '[)')`;

/** $1 environment ids, $2/$3 span, $4 their tiers. Global windows have both scopes empty. */
export const WINDOWS_SQL = `
SELECT id, kind, name, scope_environment_ids, scope_tiers, lower(during) AS start, upper(during) AS "end",
       rrule, duration, timezone, starts_at, until
  FROM conflicts.windows
 WHERE span && tstzrange($2::timestamptz, $3::timestamptz, '[)')
   AND ((cardinality(scope_environment_ids) = 0 AND cardinality(scope_tiers) = 0)
        OR scope_environment_ids && $1::uuid[] OR scope_tiers && $4::text[])`;

/**
 * Does the target have a maintenance window that is still in force (recurring, or not yet over)?
 * $1 environment id, $2 its tier.
 */
export const HAS_MAINTENANCE_SQL = `
SELECT EXISTS (
  SELECT 1 FROM conflicts.windows
   WHERE kind = 'MAINTENANCE' AND (upper_inf(span) OR upper(span) > now())
     AND ((cardinality(scope_environment_ids) = 0 AND cardinality(scope_tiers) = 0)
          OR $1::uuid = ANY (scope_environment_ids) OR $2::text = ANY (scope_tiers))
) AS has`;
