import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/** envrefresh API tokens: only the SHA-256 of a secret is kept, looked up by it on every request. */
export class CreateApiTokens1763800000300 implements MigrationInterface {
  name = 'CreateApiTokens1763800000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.api_tokens (
        id uuid PRIMARY KEY,
        secret_hash text NOT NULL UNIQUE,
        hint text NOT NULL,
        name text NOT NULL,
        owner_sub text NOT NULL,
        owner_name text,
        owner_email text,
        roles text[] NOT NULL,
        groups text[] NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX api_tokens_owner ON ${schema}.api_tokens (owner_sub, created_at DESC) WHERE revoked_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.api_tokens`);
  }
}
