import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * Issue 11: each environment's overrun grace (beside its reminder lead times), and an index for
 * the expiry worker, which looks for intents still DRAFT or REQUESTED whose plannedStart passed.
 */
export class OverrunGraceAndExpiry1764600000100 implements MigrationInterface {
  name = 'OverrunGraceAndExpiry1764600000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(
      `ALTER TABLE ${schema}.environments ADD COLUMN overrun_grace text NOT NULL DEFAULT 'PT30M'`,
    );
    await queryRunner.query(
      `CREATE INDEX refresh_intents_awaiting_approval_idx ON ${schema}.refresh_intents (planned_start)
        WHERE status IN ('DRAFT', 'REQUESTED')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX ${schema}.refresh_intents_awaiting_approval_idx`);
    await queryRunner.query(`ALTER TABLE ${schema}.environments DROP COLUMN overrun_grace`);
  }
}
