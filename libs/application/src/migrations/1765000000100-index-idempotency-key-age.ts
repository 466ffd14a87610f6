import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/** The retention purge deletes by age (IdempotencyKeyJanitor); without this it scans the whole table hourly. */
export class IndexIdempotencyKeyAge1765000000100 implements MigrationInterface {
  name = 'IndexIdempotencyKeyAge1765000000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(
      `CREATE INDEX idempotency_keys_created_at_idx ON ${schema}.idempotency_keys (created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ${schemaOf(queryRunner)}.idempotency_keys_created_at_idx`);
  }
}
