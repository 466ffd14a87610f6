import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * Blackout and maintenance windows (SPEC "Conflicts"), one-off (`during`) or recurring (an RRULE
 * expanded in its own timezone). `span` bounds every occurrence (upper-unbounded for a recurrence
 * without an end), so a GiST overlap lookup finds the windows worth expanding for a range.
 * Both scope lists empty = every environment. Deleting was a hard DELETE; since KeepDeletedWindows it marks the row.
 */
export class CreateWindows1763800000600 implements MigrationInterface {
  name = 'CreateWindows1763800000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.windows (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        name text NOT NULL,
        scope_environment_ids uuid[] NOT NULL DEFAULT '{}',
        scope_tiers text[] NOT NULL DEFAULT '{}',
        during tstzrange,
        rrule text,
        duration text,
        timezone text,
        starts_at timestamptz,
        until timestamptz,
        span tstzrange NOT NULL,
        created_by jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT windows_kind_ck CHECK (kind IN ('BLACKOUT', 'MAINTENANCE')),
        CONSTRAINT windows_scope_tiers_ck CHECK (
          scope_tiers <@ ARRAY['DEV', 'QA', 'SIT', 'UAT', 'STAGING', 'PERF', 'TRAINING']::text[]),
        CONSTRAINT windows_one_timing_form_ck CHECK (
          (during IS NOT NULL AND NOT isempty(during)
            AND rrule IS NULL AND duration IS NULL AND timezone IS NULL AND starts_at IS NULL AND until IS NULL)
          OR (during IS NULL
            AND rrule IS NOT NULL AND duration IS NOT NULL AND timezone IS NOT NULL AND starts_at IS NOT NULL)),
        CONSTRAINT windows_span_not_empty_ck CHECK (NOT isempty(span))
      )`);
    await queryRunner.query(`CREATE INDEX windows_span_idx ON ${schema}.windows USING gist (span)`);
    await queryRunner.query(
      `CREATE INDEX windows_scope_environment_ids_idx ON ${schema}.windows USING gin (scope_environment_ids)`,
    );
    await queryRunner.query(
      `CREATE INDEX windows_scope_tiers_idx ON ${schema}.windows USING gin (scope_tiers)`,
    );
    // The list: newest first, keyset-paginated.
    await queryRunner.query(
      `CREATE INDEX windows_created_idx ON ${schema}.windows (created_at DESC, id DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.windows`);
  }
}
