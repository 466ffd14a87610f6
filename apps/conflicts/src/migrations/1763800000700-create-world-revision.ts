import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * A stamp that changes with every write of the environment catalog, so a replica can keep the
 * dependency graph in memory and see in the same statement as its overlap lookups whether it is
 * still current. Taken from a sequence: a rolled-back write's number is never handed out again.
 */
export class CreateWorldRevision1763800000700 implements MigrationInterface {
  name = 'CreateWorldRevision1763800000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`CREATE SEQUENCE ${schema}.world_revision_seq`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.world_revision (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        revision bigint NOT NULL
      )`);
    await queryRunner.query(
      `INSERT INTO ${schema}.world_revision (revision) VALUES (nextval('${schema}.world_revision_seq'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${schema}.world_revision`);
    await queryRunner.query(`DROP SEQUENCE ${schema}.world_revision_seq`);
  }
}
