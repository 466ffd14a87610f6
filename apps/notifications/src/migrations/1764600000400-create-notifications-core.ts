import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * Issue 12: what the notifications service knows of the world (environments, bookings, intents'
 * windows, from events), its subscriptions, and the delivery log (one row per event and
 * destination, leased to the due-row worker, ADR 0015; one row per attempt).
 */
export class CreateNotificationsCore1764600000400 implements MigrationInterface {
  name = 'CreateNotificationsCore1764600000400';

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
        timezone text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX environments_depends_on_idx ON ${schema}.environments USING gin (depends_on)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${schema}.bookings (
        id uuid PRIMARY KEY,
        environment_id uuid NOT NULL,
        group_key text NOT NULL,
        during tstzrange NOT NULL,
        cancelled boolean NOT NULL DEFAULT false
      )`);
    // Who holds a booking overlapping a refresh: few live bookings per environment, so by environment.
    await queryRunner.query(
      `CREATE INDEX bookings_live_environment_idx ON ${schema}.bookings (environment_id) WHERE NOT cancelled`,
    );
    await queryRunner.query(`ALTER TABLE ${schema}.intent_audiences ADD COLUMN planned tstzrange`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.subscriptions (
        id uuid PRIMARY KEY,
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'SLACK', 'TEAMS', 'WEBHOOK')),
        target text NOT NULL,
        secret text,
        previous_secret text,
        previous_secret_until timestamptz,
        filter_groups text[] NOT NULL DEFAULT '{}',
        filter_environment_ids text[] NOT NULL DEFAULT '{}',
        filter_tiers text[] NOT NULL DEFAULT '{}',
        filter_event_types text[],
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        created_by jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        deleted_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX subscriptions_groups_idx ON ${schema}.subscriptions USING gin (filter_groups) WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE ${schema}.deliveries (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        event jsonb NOT NULL,
        intent_id uuid,
        environment_id uuid,
        subscription_id uuid,
        destination text NOT NULL,
        channel text NOT NULL,
        target text NOT NULL,
        reasons text[] NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'RETRYING', 'DEAD')),
        attempts integer NOT NULL DEFAULT 0,
        schedule_step integer NOT NULL DEFAULT 0,
        due_at timestamptz NOT NULL,
        leased_until timestamptz,
        lease_owner text,
        last_error text,
        delivered_at timestamptz,
        replay_of uuid,
        created_at timestamptz NOT NULL
      )`);
    // One message per destination per event (a replay is a new delivery of its own).
    await queryRunner.query(
      `CREATE UNIQUE INDEX deliveries_event_destination_uq ON ${schema}.deliveries (event_id, destination) WHERE replay_of IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX deliveries_due_idx ON ${schema}.deliveries (due_at) WHERE status IN ('PENDING', 'RETRYING')`,
    );
    await queryRunner.query(
      `CREATE INDEX deliveries_intent_idx ON ${schema}.deliveries (intent_id, created_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX deliveries_subscription_idx ON ${schema}.deliveries (subscription_id, created_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX deliveries_list_idx ON ${schema}.deliveries (created_at DESC, id DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${schema}.delivery_attempts (
        delivery_id uuid NOT NULL REFERENCES ${schema}.deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        at timestamptz NOT NULL,
        outcome text NOT NULL,
        status_code integer,
        error text,
        duration_ms integer NOT NULL,
        PRIMARY KEY (delivery_id, attempt)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    for (const table of ['delivery_attempts', 'deliveries', 'subscriptions', 'bookings', 'environments'])
      await queryRunner.query(`DROP TABLE ${schema}.${table}`);
    await queryRunner.query(`ALTER TABLE ${schema}.intent_audiences DROP COLUMN planned`);
  }
}
