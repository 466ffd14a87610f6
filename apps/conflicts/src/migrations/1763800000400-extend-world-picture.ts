import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * The conflicts service's own picture of the world (SPEC "Services"): the environment catalog with
 * its dependency graph, and everything about an intent the rules read. `btree_gist` lets one GiST
 * index answer "this environment, overlapping this range" (an equality and a range in one index).
 */
export class ExtendWorldPicture1763800000400 implements MigrationInterface {
  name = 'ExtendWorldPicture1763800000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.environments (
        id uuid PRIMARY KEY,
        key text NOT NULL UNIQUE,
        name text NOT NULL,
        tier text NOT NULL,
        owner_group text NOT NULL,
        timezone text NOT NULL,
        depends_on text[] NOT NULL DEFAULT '{}',
        maintenance_windows jsonb NOT NULL DEFAULT '[]',
        version bigint NOT NULL
      )`);
    // Who depends on a key: the downstream half of the graph walk.
    await queryRunner.query(
      `CREATE INDEX environments_depends_on_idx ON ${schema}.environments USING gin (depends_on)`,
    );
    await queryRunner.query(`CREATE INDEX environments_tier_idx ON ${schema}.environments (tier)`);

    await queryRunner.query(`
      ALTER TABLE ${schema}.intent_windows
        ALTER COLUMN environment_id TYPE uuid USING environment_id::uuid,
        ADD COLUMN refresh_type text NOT NULL DEFAULT 'FULL_COPY',
        ADD COLUMN requested_by text NOT NULL DEFAULT 'unknown',
        ADD COLUMN notification_groups text[] NOT NULL DEFAULT '{}',
        ADD COLUMN source_environment_id uuid,
        ADD COLUMN source_snapshot text`);
    await queryRunner.query(`DROP INDEX ${schema}.intent_windows_planned_idx`);
    await queryRunner.query(`DROP INDEX ${schema}.intent_windows_environment_idx`);
    const active = `status IN ('REQUESTED', 'APPROVED', 'SCHEDULED', 'IN_PROGRESS')`;
    await queryRunner.query(
      `CREATE INDEX intent_windows_active_idx ON ${schema}.intent_windows
         USING gist (environment_id, planned) WHERE ${active}`,
    );
    await queryRunner.query(
      `CREATE INDEX intent_windows_source_environment_idx ON ${schema}.intent_windows
         USING gist (source_environment_id, planned) WHERE ${active} AND source_environment_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX intent_windows_source_snapshot_idx ON ${schema}.intent_windows
         USING gist (source_snapshot, planned) WHERE ${active} AND source_snapshot IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX intent_windows_environment_idx ON ${schema}.intent_windows (environment_id)`,
    );
    // One conflict per cause and intent while it is not resolved; the identity recomputation keeps.
    await queryRunner.query(`ALTER TABLE ${schema}.conflicts ADD COLUMN cause_key text NOT NULL DEFAULT ''`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX conflicts_live_cause_uq ON ${schema}.conflicts (intent_id, cause_key)
         WHERE status <> 'RESOLVED'`,
    );
    await queryRunner.query(
      `CREATE INDEX conflicts_related_idx ON ${schema}.conflicts ((related_ref ->> 'id'))
         WHERE status <> 'RESOLVED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX ${schema}.conflicts_related_idx`);
    await queryRunner.query(`DROP INDEX ${schema}.conflicts_live_cause_uq`);
    await queryRunner.query(`ALTER TABLE ${schema}.conflicts DROP COLUMN cause_key`);
    await queryRunner.query(`DROP INDEX ${schema}.intent_windows_environment_idx`);
    await queryRunner.query(`DROP INDEX ${schema}.intent_windows_source_snapshot_idx`);
    await queryRunner.query(`DROP INDEX ${schema}.intent_windows_source_environment_idx`);
    await queryRunner.query(`DROP INDEX ${schema}.intent_windows_active_idx`);
    await queryRunner.query(`
      ALTER TABLE ${schema}.intent_windows
        DROP COLUMN source_snapshot, DROP COLUMN source_environment_id, DROP COLUMN notification_groups,
        DROP COLUMN requested_by, DROP COLUMN refresh_type,
        ALTER COLUMN environment_id TYPE text`);
    await queryRunner.query(
      `CREATE INDEX intent_windows_planned_idx ON ${schema}.intent_windows USING gist (planned)`,
    );
    await queryRunner.query(
      `CREATE INDEX intent_windows_environment_idx ON ${schema}.intent_windows (environment_id)`,
    );
    await queryRunner.query(`DROP TABLE ${schema}.environments`);
  }
}
