import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

export class CreateIdempotencyKeys1763790000300 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1763790000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.idempotency_keys (
        actor_sub text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (actor_sub, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.idempotency_keys`);
  }
}
