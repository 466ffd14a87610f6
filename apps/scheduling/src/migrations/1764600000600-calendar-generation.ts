import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

const PROJECTION_TABLES = [
  'calendar_environments',
  'calendar_refreshes',
  'calendar_bookings',
  'calendar_windows',
];

/**
 * One number that rises in the same transaction as every change to the calendar's projection, so
 * the gateway can ask "has anything changed since generation g?" instead of fetching a whole feed.
 * Raised by deferred constraint triggers: they run at commit, after every other statement, so the
 * one row is locked last and for an instant, and transactions that change projection rows in
 * different orders cannot deadlock on it. Whatever writes these tables, the generation follows.
 */
export class CalendarGeneration1764600000600 implements MigrationInterface {
  name = 'CalendarGeneration1764600000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.calendar_generation (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        generation bigint NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO ${schema}.calendar_generation (generation) VALUES (0)`);
    await queryRunner.query(`
      CREATE FUNCTION ${schema}.raise_calendar_generation() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE ${schema}.calendar_generation SET generation = generation + 1;
        RETURN NULL;
      END $$`);
    for (const table of PROJECTION_TABLES)
      await queryRunner.query(`
        CREATE CONSTRAINT TRIGGER ${table}_raise_generation
          AFTER INSERT OR UPDATE OR DELETE ON ${schema}.${table}
          DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION ${schema}.raise_calendar_generation()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    for (const table of PROJECTION_TABLES)
      await queryRunner.query(`DROP TRIGGER ${table}_raise_generation ON ${schema}.${table}`);
    await queryRunner.query(`DROP FUNCTION ${schema}.raise_calendar_generation()`);
    await queryRunner.query(`DROP TABLE ${schema}.calendar_generation`);
  }
}
