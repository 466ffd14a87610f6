import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

export class CreateRefreshIntents1763780000100 implements MigrationInterface {
  name = 'CreateRefreshIntents1763780000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.refresh_intents (
        id uuid PRIMARY KEY,
        environment_id text NOT NULL,
        refresh_type text NOT NULL,
        status text NOT NULL,
        planned_start timestamptz NOT NULL,
        planned_end timestamptz NOT NULL,
        reason text NOT NULL,
        source jsonb,
        notification_groups text[] NOT NULL DEFAULT '{}',
        external_ref text,
        requested_by jsonb NOT NULL,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT refresh_intents_window_ck CHECK (planned_end > planned_start)
      )`);
    await queryRunner.query(
      `CREATE INDEX refresh_intents_environment_idx ON ${schema}.refresh_intents (environment_id, planned_start)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.refresh_intents`);
  }
}
