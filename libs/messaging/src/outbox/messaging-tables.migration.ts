import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * The outbox (events waiting to be published, written in the state change's transaction) and
 * the inbox (events this service has processed, so a redelivery is recognised and skipped).
 * Every service that emits or consumes events includes this migration.
 */
export class CreateMessagingTables1763780000000 implements MigrationInterface {
  name = 'CreateMessagingTables1763780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        routing_key text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        publish_attempts integer NOT NULL DEFAULT 0,
        last_error text,
        unroutable boolean NOT NULL DEFAULT false
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_pending_idx ON ${schema}.outbox (seq) WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX outbox_published_at_idx ON ${schema}.outbox (published_at) WHERE published_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE ${schema}.inbox (
        consumer text NOT NULL,
        message_id text NOT NULL,
        type text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
    await queryRunner.query(`CREATE INDEX inbox_processed_at_idx ON ${schema}.inbox (processed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${schema}.inbox`);
    await queryRunner.query(`DROP TABLE ${schema}.outbox`);
  }
}
