import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/** The calendar's projection (environments, intents, bookings, windows) and the personal feeds. */
export class CreateCalendar1764600000200 implements MigrationInterface {
  name = 'CreateCalendar1764600000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.calendar_environments (
        id uuid PRIMARY KEY,
        key text NOT NULL,
        tier text NOT NULL,
        owner_group text NOT NULL,
        maintenance_windows jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL,
        version bigint NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.calendar_refreshes (
        intent_id uuid PRIMARY KEY,
        environment_id uuid NOT NULL,
        refresh_type text NOT NULL,
        status text NOT NULL,
        planned_start timestamptz NOT NULL,
        planned_end timestamptz NOT NULL,
        requested_by_sub text NOT NULL,
        notification_groups text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL,
        version integer NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX calendar_refreshes_window_idx ON ${schema}.calendar_refreshes (planned_start, planned_end)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${schema}.calendar_bookings (
        id uuid PRIMARY KEY,
        environment_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        group_key text NOT NULL,
        purpose text NOT NULL,
        priority text NOT NULL,
        cancelled boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX calendar_bookings_window_idx ON ${schema}.calendar_bookings (starts_at, ends_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${schema}.calendar_windows (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        name text NOT NULL,
        scope_environment_ids text[] NOT NULL DEFAULT '{}',
        scope_tiers text[] NOT NULL DEFAULT '{}',
        timing jsonb NOT NULL,
        reach_start timestamptz NOT NULL,
        reach_end timestamptz,
        deleted boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.calendar_feeds (
        id uuid PRIMARY KEY,
        token_sha256 bytea NOT NULL UNIQUE,
        owner_sub text NOT NULL,
        owner_groups text[] NOT NULL,
        owner_is_admin boolean NOT NULL,
        environment_id uuid,
        tier text,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX calendar_feeds_owner_idx ON ${schema}.calendar_feeds (owner_sub, created_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    for (const table of ['calendar_feeds', 'calendar_windows', 'calendar_bookings', 'calendar_refreshes'])
      await queryRunner.query(`DROP TABLE ${schema}.${table}`);
    await queryRunner.query(`DROP TABLE ${schema}.calendar_environments`);
  }
}
