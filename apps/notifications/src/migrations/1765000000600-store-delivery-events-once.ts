import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * An event's envelope kept once, not on each of its deliveries: a fan-out to a thousand webhooks
 * wrote (and its claims read back) a thousand copies of the same kilobyte of JSON. Events are
 * immutable, so the service also keeps the envelopes it read in memory (DeliveryEventStore).
 */
export class StoreDeliveryEventsOnce1765000000600 implements MigrationInterface {
  name = 'StoreDeliveryEventsOnce1765000000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(
      `CREATE TABLE ${schema}.delivery_events (event_id uuid PRIMARY KEY, event jsonb NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO ${schema}.delivery_events (event_id, event)
       SELECT DISTINCT ON (event_id) event_id, event FROM ${schema}.deliveries ORDER BY event_id, created_at`,
    );
    await queryRunner.query(`ALTER TABLE ${schema}.deliveries DROP COLUMN event`);
    await queryRunner.query(
      `ALTER TABLE ${schema}.deliveries ADD CONSTRAINT deliveries_event_fk
         FOREIGN KEY (event_id) REFERENCES ${schema}.delivery_events (event_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE ${schema}.deliveries DROP CONSTRAINT deliveries_event_fk`);
    await queryRunner.query(`ALTER TABLE ${schema}.deliveries ADD COLUMN event jsonb`);
    await queryRunner.query(
      `UPDATE ${schema}.deliveries d SET event = e.event FROM ${schema}.delivery_events e WHERE e.event_id = d.event_id`,
    );
    await queryRunner.query(`ALTER TABLE ${schema}.deliveries ALTER COLUMN event SET NOT NULL`);
    await queryRunner.query(`DROP TABLE ${schema}.delivery_events`);
  }
}
