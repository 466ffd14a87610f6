import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * A deleted subscription was already kept (`deleted_at`, without its secrets); now also who
 * deleted it, so an admin's `?includeDeleted=true` shows the whole record. Null for rows deleted
 * before this migration.
 */
export class RecordWhoDeletedSubscriptions1765000000300 implements MigrationInterface {
  name = 'RecordWhoDeletedSubscriptions1765000000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${schemaOf(queryRunner)}.subscriptions ADD COLUMN deleted_by jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE ${schemaOf(queryRunner)}.subscriptions DROP COLUMN deleted_by`);
  }
}
