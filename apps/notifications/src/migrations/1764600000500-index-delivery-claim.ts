import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * The delivery claim (`DeliveryWorkerPool`) looks, for each candidate, for another row of the same
 * destination that is in flight or due earlier. Without these it scanned the whole table per
 * candidate: with 20,000 pending rows over 10 busy destinations one claim took 45 s, and
 * `bench:notifications`' stream of 200 events/s stalled; with them 0.2 ms.
 */
export class IndexDeliveryClaim1764600000500 implements MigrationInterface {
  name = 'IndexDeliveryClaim1764600000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(
      `CREATE INDEX deliveries_in_flight_idx ON ${schema}.deliveries (destination) WHERE leased_until IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX deliveries_open_by_destination_idx ON ${schema}.deliveries (destination, due_at, id) WHERE status IN ('PENDING', 'RETRYING')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX ${schema}.deliveries_open_by_destination_idx`);
    await queryRunner.query(`DROP INDEX ${schema}.deliveries_in_flight_idx`);
  }
}
