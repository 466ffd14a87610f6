import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

export class CreateIntentAudiences1763780000400 implements MigrationInterface {
  name = 'CreateIntentAudiences1763780000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.intent_audiences (
        intent_id uuid PRIMARY KEY,
        environment_id text NOT NULL,
        status text NOT NULL,
        requested_by jsonb NOT NULL,
        notification_groups text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX intent_audiences_groups_idx ON ${schema}.intent_audiences USING gin (notification_groups)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.intent_audiences`);
  }
}
