import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * A deleted window is kept, marked with who deleted it and when, so an auditor can see what stood
 * when a refresh was approved; detection and the catalog read only the windows not deleted.
 */
export class KeepDeletedWindows1765000000200 implements MigrationInterface {
  name = 'KeepDeletedWindows1765000000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${schema}.windows
        ADD COLUMN deleted_at timestamptz,
        ADD COLUMN deleted_by jsonb,
        ADD CONSTRAINT windows_deleted_by_whom_ck CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DELETE FROM ${schema}.windows WHERE deleted_at IS NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE ${schema}.windows DROP CONSTRAINT windows_deleted_by_whom_ck, DROP COLUMN deleted_by, DROP COLUMN deleted_at`,
    );
  }
}
