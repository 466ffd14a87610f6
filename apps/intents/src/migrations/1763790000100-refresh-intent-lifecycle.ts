import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * Intents now belong to a catalog environment and go through the whole lifecycle. The foreign key
 * is NOT VALID: rows filed before the catalog existed (the walking skeleton accepted any id) stay
 * readable, while every new or changed row must name a real environment.
 */
export class RefreshIntentLifecycle1763790000100 implements MigrationInterface {
  name = 'RefreshIntentLifecycle1763790000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${schema}.refresh_intents
        ALTER COLUMN environment_id TYPE uuid USING environment_id::uuid,
        ADD COLUMN approved_by jsonb,
        ADD COLUMN approved_at timestamptz,
        ADD COLUMN auto_approved boolean NOT NULL DEFAULT false,
        ADD COLUMN started_at timestamptz,
        ADD COLUMN completed_at timestamptz,
        ADD COLUMN completed_by jsonb,
        ADD COLUMN execution jsonb,
        ADD CONSTRAINT refresh_intents_environment_fk
          FOREIGN KEY (environment_id) REFERENCES ${schema}.environments (id) NOT VALID`);
    await queryRunner.query(
      `CREATE INDEX refresh_intents_newest_idx ON ${schema}.refresh_intents (created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX refresh_intents_completed_idx ON ${schema}.refresh_intents (environment_id, completed_at DESC, id DESC)
       WHERE status = 'COMPLETED'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX ${schema}.refresh_intents_completed_idx`);
    await queryRunner.query(`DROP INDEX ${schema}.refresh_intents_newest_idx`);
    await queryRunner.query(`
      ALTER TABLE ${schema}.refresh_intents
        DROP CONSTRAINT refresh_intents_environment_fk,
        DROP COLUMN approved_by, DROP COLUMN approved_at, DROP COLUMN auto_approved, DROP COLUMN started_at,
        DROP COLUMN completed_at, DROP COLUMN completed_by, DROP COLUMN execution,
        ALTER COLUMN environment_id TYPE text`);
  }
}
