import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * A conflict about another intent is read by people who may not see that intent: beside the
 * explanation for those who may, the same sentence naming it only as "another refresh" with its
 * window (ADR 0013). Conflicts stored before have none; they are shown with a generic wording.
 */
export class DiscreetExplanations1763900000100 implements MigrationInterface {
  name = 'DiscreetExplanations1763900000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE ${schema}.conflicts ADD COLUMN discreet_explanation text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE ${schema}.conflicts DROP COLUMN discreet_explanation`);
  }
}
