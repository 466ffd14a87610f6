import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

export class CreatePlannedRefreshes1763780000300 implements MigrationInterface {
  name = 'CreatePlannedRefreshes1763780000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.planned_refreshes (
        intent_id uuid PRIMARY KEY,
        environment_id text NOT NULL,
        status text NOT NULL,
        planned_start timestamptz NOT NULL,
        planned_end timestamptz NOT NULL,
        version integer NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX planned_refreshes_start_idx ON ${schema}.planned_refreshes (planned_start)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.planned_refreshes`);
  }
}
