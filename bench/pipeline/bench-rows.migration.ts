import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/** The business row each producer transaction and each handled event writes. */
export class CreateBenchRows1763790000000 implements MigrationInterface {
  name = 'CreateBenchRows1763790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE ${schemaOf(queryRunner)}.bench_rows (id uuid PRIMARY KEY, note text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.bench_rows`);
  }
}
