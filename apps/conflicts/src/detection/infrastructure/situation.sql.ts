import { BOOKING_CLAIM_COLUMNS } from '../../shared/infrastructure/booking-rows';
import { INTENT_WINDOW_COLUMNS as INTENT_COLUMNS } from '../../shared/infrastructure/world-rows';

/**
 * What a Situation needs from Postgres beyond the catalog in memory, in one statement (one plan,
 * one round trip): each overlap is one GiST lookup on (environment, range); rows come back as JSON
 * arrays. The catalog's revision comes with them, so the caller knows whether the snapshot of
 * environments and windows it used is current.
 *
 * $1 environment ids (target and related), $2/$3 the span, $4 the candidate's intent id (or null),
 * $5 its source environment, $6 its snapshot.
 */
const ACTIVE = `status IN ('REQUESTED', 'APPROVED', 'SCHEDULED', 'IN_PROGRESS')`;
const NOT_CANDIDATE = `($4::uuid IS NULL OR intent_id <> $4::uuid)`;
const IN_SPAN = `planned && tstzrange($2::timestamptz, $3::timestamptz, '[)')`;

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
  SELECT ${BOOKING_CLAIM_COLUMNS} FROM conflicts.bookings
   WHERE cancelled_at IS NULL AND environment_id = ANY ($1::uuid[])
     AND during && tstzrange($2::timestamptz, $3::timestamptz, '[)')`;

export const SITUATION_SQL = `
SELECT (SELECT revision::text FROM conflicts.world_revision) AS revision,
       (SELECT coalesce(json_agg(i), '[]'::json) FROM (${INTENTS}) i) AS intents,
       (SELECT coalesce(json_agg(b), '[]'::json) FROM (${BOOKINGS}) b) AS bookings`;
