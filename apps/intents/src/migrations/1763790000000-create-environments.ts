import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

export class CreateEnvironments1763790000000 implements MigrationInterface {
  name = 'CreateEnvironments1763790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.environments (
        id uuid PRIMARY KEY,
        key text NOT NULL,
        name text NOT NULL,
        tier text NOT NULL,
        owner_group text NOT NULL,
        depends_on text[] NOT NULL DEFAULT '{}',
        maintenance_windows jsonb NOT NULL DEFAULT '[]',
        requires_approval boolean NOT NULL DEFAULT true,
        timezone text NOT NULL DEFAULT 'UTC',
        reminder_lead_times text[] NOT NULL DEFAULT '{P7D,P1D,PT1H}',
        last_refreshed_at timestamptz,
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT environments_key_uq UNIQUE (key),
        CONSTRAINT environments_key_ck CHECK (key ~ '^[a-z0-9][a-z0-9-]{1,62}$')
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.environments`);
  }
}
