import { INTENT_WINDOW_COLUMNS as INTENT_COLUMNS } from '../../world/infrastructure/world-rows';

/**
 * Everything a Situation needs from Postgres, in one statement (one plan, one round trip): each
 * overlap is one GiST lookup on (environment, range); rows come back as JSON arrays. The catalog's
 * revision comes with them, so the caller knows whether the dependency graph it used is current.
 *
 * $1 environment ids (target and related), $2/$3 the span, $4 the candidate's intent id (or null),
 * $5 its source environment, $6 its snapshot, $7 the environments' tiers, $8 the target's id,
 * $9 the target's tier.
 */
const ACTIVE = `status IN ('REQUESTED', 'APPROVED', 'SCHEDULED', 'IN_PROGRESS')`;
const NOT_CANDIDATE = `($4::uuid IS NULL OR intent_id <> $4::uuid)`;
const IN_SPAN = `planned && tstzrange($2::timestamptz, $3::timestamptz, '[)')`;
const GLOBAL = `(cardinality(scope_environment_ids) = 0 AND cardinality(scope_tiers) = 0)`;

const INTENTS = `
  SELECT ${INTENT_COLUMNS} FROM conflicts.intent_windows
   WHERE ${ACTIVE} AND environment_id = ANY ($1::uuid[]) AND ${IN_SPAN} AND ${NOT_CANDIDATE}
  UNION
  SELECT ${INTENT_COLUMNS} FROM conflicts.intent_windows
   WHERE ${ACTIVE} AND source_environment_id IS NOT NULL AND source_environment_id = $5::uuid AND ${IN_SPAN}
     AND ${NOT_CANDIDATE}
  UNION
  SELECT ${INTENT_COLUMNS} FROM conflicts.intent_windows
   WHERE ${ACTIVE} AND source_snapshot IS NOT NULL AND source_snapshot = $6::text AND ${IN_SPAN}
     AND ${NOT_CANDIDATE}`;

const BOOKINGS = `
  SELECT id, environment_id, lower(during) AS start, upper(during) AS "end", group_key, purpose, priority
    FROM conflicts.bookings
   WHERE cancelled_at IS NULL AND environment_id = ANY ($1::uuid[])
     AND during && tstzrange($2::timestamptz, $3::timestamptz, '[)')`;

const WINDOWS = `
  SELECT id, kind, name, scope_environment_ids, scope_tiers, lower(during) AS start, upper(during) AS "end",
         rrule, duration, timezone, starts_at, until
    FROM conflicts.windows
   WHERE span && tstzrange($2::timestamptz, $3::timestamptz, '[)')
     AND (${GLOBAL} OR scope_environment_ids && $1::uuid[] OR scope_tiers && $7::text[])`;

/** A maintenance window resource covering the target that is still in force (recurring, or not yet over). */
const HAS_MAINTENANCE = `
  EXISTS (
    SELECT 1 FROM conflicts.windows
     WHERE kind = 'MAINTENANCE' AND (upper_inf(span) OR upper(span) > now())
       AND (${GLOBAL} OR $8::uuid = ANY (scope_environment_ids) OR $9::text = ANY (scope_tiers))
  )`;

export const SITUATION_SQL = `
SELECT (SELECT revision::text FROM conflicts.world_revision) AS revision,
       (SELECT coalesce(json_agg(i), '[]'::json) FROM (${INTENTS}) i) AS intents,
       (SELECT coalesce(json_agg(b), '[]'::json) FROM (${BOOKINGS}) b) AS bookings,
       (SELECT coalesce(json_agg(w), '[]'::json) FROM (${WINDOWS}) w) AS windows,
       ${HAS_MAINTENANCE} AS has_maintenance`;
