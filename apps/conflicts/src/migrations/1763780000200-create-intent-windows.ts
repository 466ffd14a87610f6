import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

export class CreateIntentWindows1763780000200 implements MigrationInterface {
  name = 'CreateIntentWindows1763780000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.intent_windows (
        intent_id uuid PRIMARY KEY,
        environment_id text NOT NULL,
        status text NOT NULL,
        planned tstzrange NOT NULL,
        version integer NOT NULL,
        CONSTRAINT intent_windows_not_empty_ck CHECK (NOT isempty(planned))
      )`);
    await queryRunner.query(
      `CREATE INDEX intent_windows_planned_idx ON ${schema}.intent_windows USING gist (planned)`,
    );
    await queryRunner.query(
      `CREATE INDEX intent_windows_environment_idx ON ${schema}.intent_windows (environment_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.intent_windows`);
  }
}
