/**
 * Set-based seeding: one INSERT … SELECT over generate_series per table, drawing with random()
 * after setseed(), so a million rows take seconds and the same `--seed` gives the same world.
 */
import { REFRESH_TYPES } from '@envrefresh/contracts';

const refreshTypes = `ARRAY[${REFRESH_TYPES.map((type) => `'${type}'`).join(', ')}]`;

/** $1 JSON array of environment rows. */
export const INSERT_ENVIRONMENTS_SQL = `
INSERT INTO conflicts.environments (id, key, name, tier, owner_group, timezone, depends_on, maintenance_windows, version)
SELECT id, key, name, tier, owner_group, timezone, depends_on, maintenance_windows, version
  FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, key text, name text, tier text, owner_group text,
       timezone text, depends_on text[], maintenance_windows jsonb, version bigint)`;

/** $1 JSON array of window rows (see WindowFixture). */
export const INSERT_WINDOWS_SQL = `
INSERT INTO conflicts.windows (id, kind, name, scope_environment_ids, scope_tiers, during, rrule, duration,
       timezone, starts_at, until, span, created_by, created_at)
SELECT id, kind, name, scope_environment_ids, scope_tiers,
       CASE WHEN during_start IS NULL THEN NULL ELSE tstzrange(during_start, during_end, '[)') END,
       rrule, duration, timezone, starts_at, until, tstzrange(span_start, span_end, '[)'), created_by, created_at
  FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, name text, scope_environment_ids uuid[],
       scope_tiers text[], during_start timestamptz, during_end timestamptz, rrule text, duration text,
       timezone text, starts_at timestamptz, until timestamptz, span_start timestamptz, span_end timestamptz,
       created_by jsonb, created_at timestamptz)`;

/**
 * $1 how many, $2 first instant, $3 now, $4 quarter hours in the two years, $5 environment ids,
 * $6 source environment ids, $7 snapshot names.
 *
 * Windows of 2 to 48 hours (most near the short end) starting on a quarter hour anywhere in the two
 * years, on a uniformly drawn environment. Statuses follow the clock: what has ended is mostly
 * COMPLETED (some FAILED, ROLLED_BACK, CANCELLED, REJECTED), what is running IN_PROGRESS, what lies
 * ahead REQUESTED, APPROVED or SCHEDULED (some DRAFT, CANCELLED, REJECTED). Copies (every type but
 * SCHEMA_ONLY and CONFIG_ONLY) read from a source environment (60%) or a named snapshot (25%).
 */
export const INSERT_INTENTS_SQL = `
INSERT INTO conflicts.intent_windows (intent_id, environment_id, status, planned, version, refresh_type,
       requested_by, notification_groups, source_environment_id, source_snapshot)
SELECT gen_random_uuid(), ($5::uuid[])[r.environment_n],
       CASE
         WHEN r.start + r.length <= $3::timestamptz THEN
           CASE WHEN r.status_roll < 0.72 THEN 'COMPLETED' WHEN r.status_roll < 0.78 THEN 'FAILED'
                WHEN r.status_roll < 0.80 THEN 'ROLLED_BACK' WHEN r.status_roll < 0.93 THEN 'CANCELLED'
                ELSE 'REJECTED' END
         WHEN r.start <= $3::timestamptz THEN
           CASE WHEN r.status_roll < 0.9 THEN 'IN_PROGRESS' ELSE 'CANCELLED' END
         ELSE
           CASE WHEN r.status_roll < 0.05 THEN 'DRAFT' WHEN r.status_roll < 0.35 THEN 'REQUESTED'
                WHEN r.status_roll < 0.60 THEN 'APPROVED' WHEN r.status_roll < 0.88 THEN 'SCHEDULED'
                WHEN r.status_roll < 0.96 THEN 'CANCELLED' ELSE 'REJECTED' END
       END,
       tstzrange(r.start, r.start + r.length, '[)'), 1, r.refresh_type,
       'user-' || r.user_n,
       CASE WHEN r.group_n = 0 THEN '{}'::text[] ELSE ARRAY['team-' || lpad(r.group_n::text, 2, '0')] END,
       CASE WHEN r.refresh_type NOT IN ('SCHEMA_ONLY', 'CONFIG_ONLY') AND r.source_roll < 0.60 THEN ($6::uuid[])[r.source_n] END,
       CASE WHEN r.refresh_type NOT IN ('SCHEMA_ONLY', 'CONFIG_ONLY') AND r.source_roll >= 0.60 AND r.source_roll < 0.85 THEN ($7::text[])[r.snapshot_n] END
  FROM (
    SELECT 1 + floor(random() * cardinality($5::uuid[]))::int AS environment_n,
           $2::timestamptz + floor(random() * $4::int) * interval '15 minutes' AS start,
           make_interval(hours => 2 + floor(power(random(), 2) * 47)::int) AS length,
           random() AS status_roll,
           (${refreshTypes})[1 + floor(random() * ${REFRESH_TYPES.length})::int] AS refresh_type,
           random() AS source_roll,
           1 + floor(random() * cardinality($6::uuid[]))::int AS source_n,
           1 + floor(random() * cardinality($7::text[]))::int AS snapshot_n,
           1 + floor(random() * 2000)::int AS user_n,
           floor(random() * 41)::int AS group_n
      FROM generate_series(1, $1::int)
    OFFSET 0
  ) r`;

/**
 * $1 how many, $2 first instant, $3 half hours in the two years, $4 environment ids.
 *
 * Claims of 1 hour to 5 days (most of a few hours) starting on a half hour, by one of 40 groups,
 * priorities LOW 30%, MEDIUM 40%, HIGH 22%, CRITICAL 8%; 8% cancelled (they stay, with who and when).
 */
export const INSERT_BOOKINGS_SQL = `
INSERT INTO conflicts.bookings (id, environment_id, during, group_key, purpose, priority, created_by, created_at,
       cancelled_by, cancelled_at)
SELECT gen_random_uuid(), ($4::uuid[])[r.environment_n], tstzrange(r.start, r.start + r.length, '[)'),
       'team-' || lpad(r.group_n::text, 2, '0'),
       (ARRAY['UAT sign-off', 'performance test', 'customer demo', 'training session', 'release rehearsal',
              'integration test'])[r.purpose_n],
       CASE WHEN r.priority_roll < 0.30 THEN 'LOW' WHEN r.priority_roll < 0.70 THEN 'MEDIUM'
            WHEN r.priority_roll < 0.92 THEN 'HIGH' ELSE 'CRITICAL' END,
       jsonb_build_object('sub', 'user-' || r.user_n),
       r.start - r.lead,
       CASE WHEN r.cancelled THEN jsonb_build_object('sub', 'user-' || r.user_n) END,
       CASE WHEN r.cancelled THEN r.start - r.lead + interval '1 day' END
  FROM (
    SELECT 1 + floor(random() * cardinality($4::uuid[]))::int AS environment_n,
           $2::timestamptz + floor(random() * $3::int) * interval '30 minutes' AS start,
           make_interval(hours => 1 + floor(power(random(), 3) * 119)::int) AS length,
           make_interval(days => 2 + floor(random() * 30)::int) AS lead,
           1 + floor(random() * 40)::int AS group_n,
           1 + floor(random() * 6)::int AS purpose_n,
           random() AS priority_roll,
           1 + floor(random() * 2000)::int AS user_n,
           random() < 0.08 AS cancelled
      FROM generate_series(1, $1::int)
    OFFSET 0
  ) r`;
