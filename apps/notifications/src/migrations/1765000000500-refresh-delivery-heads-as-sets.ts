import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';
import { refreshHeadsOneByOne } from './1765000000400-track-delivery-heads';

/**
 * The heads of migration 1765000000400, recomputed for all the statement's destinations at once:
 * three statements (add the missing heads, lock them all in sorted order, recompute them all from
 * one snapshot taken after the locks) instead of four per destination. A fan-out to a thousand
 * webhooks ran four thousand statements inside its INSERT (33 ms of bench:notifications'
 * fan-out); a recording of a hundred outcomes four hundred. The guarantees stay: heads are locked
 * in one order by every transaction, and each is recomputed under its lock from a snapshot that
 * sees every transaction that held it before.
 */
export class RefreshDeliveryHeadsAsSets1765000000500 implements MigrationInterface {
  name = 'RefreshDeliveryHeadsAsSets1765000000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`${replaceRefreshHeads(schema)}
      LANGUAGE plpgsql AS $$
      BEGIN
        IF coalesce(cardinality(destinations), 0) = 0 THEN
          RETURN;
        END IF;
        INSERT INTO ${schema}.delivery_heads (destination)
          SELECT DISTINCT d FROM unnest(destinations) AS d ORDER BY d
          ON CONFLICT DO NOTHING;
        PERFORM 1 FROM ${schema}.delivery_heads WHERE destination = ANY (destinations)
          ORDER BY destination FOR UPDATE;
        UPDATE ${schema}.delivery_heads h SET delivery_id = fresh.head_id, due_at = fresh.head_due
          FROM (
            SELECT one.destination, head.id AS head_id, head.due_at AS head_due
              FROM (SELECT DISTINCT d AS destination FROM unnest(destinations) AS d) one
              LEFT JOIN LATERAL (
                SELECT id, due_at FROM ${schema}.deliveries
                 WHERE destination = one.destination AND status IN ('PENDING', 'RETRYING')
                 ORDER BY due_at, id LIMIT 1) head ON true) fresh
         WHERE h.destination = fresh.destination
           AND (h.delivery_id IS DISTINCT FROM fresh.head_id OR h.due_at IS DISTINCT FROM fresh.head_due);
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`${replaceRefreshHeads(schema)}
${refreshHeadsOneByOne(schema)}`);
  }
}

function replaceRefreshHeads(schema: string): string {
  return `CREATE OR REPLACE FUNCTION ${schema}.refresh_delivery_heads(destinations text[]) RETURNS void`;
}
