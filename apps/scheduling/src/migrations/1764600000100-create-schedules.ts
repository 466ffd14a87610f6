import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * Issue 11: schedules and their durable jobs, and what they are made from. `planned_refreshes`
 * becomes the projection of every intent (its whole view, for the events the jobs publish and for
 * visibility); `environments` the projection of the catalog's timings and owner groups.
 */
export class CreateSchedules1764600000100 implements MigrationInterface {
  name = 'CreateSchedules1764600000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE ${schema}.planned_refreshes ADD COLUMN view jsonb`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.environments (
        id uuid PRIMARY KEY,
        key text NOT NULL,
        owner_group text NOT NULL,
        timezone text NOT NULL,
        reminder_lead_times text[] NOT NULL,
        overrun_grace text NOT NULL,
        version bigint NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX environments_key_idx ON ${schema}.environments (key)`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.schedules (
        id uuid PRIMARY KEY,
        intent_id uuid NOT NULL,
        environment_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('ACTIVE', 'CANCELLED', 'DONE')),
        planned_start timestamptz NOT NULL,
        planned_end timestamptz NOT NULL,
        overrun_grace text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // At most one ACTIVE schedule per intent: a second approval event cannot make a second one.
    await queryRunner.query(
      `CREATE UNIQUE INDEX schedules_one_active_idx ON ${schema}.schedules (intent_id) WHERE status = 'ACTIVE'`,
    );
    await queryRunner.query(
      `CREATE INDEX schedules_intent_idx ON ${schema}.schedules (intent_id, created_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${schema}.jobs (
        id uuid PRIMARY KEY,
        schedule_id uuid NOT NULL REFERENCES ${schema}.schedules (id),
        intent_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('REMINDER', 'START', 'OVERRUN')),
        lead_time text,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'FIRED', 'SKIPPED', 'CANCELLED')),
        fired_at timestamptz,
        CHECK ((status = 'FIRED') = (fired_at IS NOT NULL))
      )`);
    // The firing worker's claim (ADR 0015): pending jobs by due time, and nothing else.
    await queryRunner.query(`CREATE INDEX jobs_due_idx ON ${schema}.jobs (due_at) WHERE status = 'PENDING'`);
    await queryRunner.query(`CREATE INDEX jobs_schedule_idx ON ${schema}.jobs (schedule_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${schema}.jobs`);
    await queryRunner.query(`DROP TABLE ${schema}.schedules`);
    await queryRunner.query(`DROP TABLE ${schema}.environments`);
    await queryRunner.query(`ALTER TABLE ${schema}.planned_refreshes DROP COLUMN view`);
  }
}
