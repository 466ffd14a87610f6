import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * Each destination's head: its earliest open delivery (by due time, then id), which is the only
 * one of its deliveries the claim may take (one call open per destination, in order). Kept by
 * statement triggers on `deliveries`, so the claim reads heads in due order and stops after as
 * many as it wants, instead of walking every pending delivery past the busy destinations (with
 * ten destinations in flight and a backlog of 20,000, it walked all of them on every claim).
 *
 * A head is recomputed under its row's lock and with a fresh snapshot (each statement of a
 * PL/pgSQL function takes one), so two transactions adding deliveries to one destination agree
 * on its head; destinations are taken in sorted order, so transactions lock heads in one order.
 * A destination with nothing open keeps its row, with no head.
 */
export class TrackDeliveryHeads1765000000400 implements MigrationInterface {
  name = 'TrackDeliveryHeads1765000000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.delivery_heads (
        destination text PRIMARY KEY,
        delivery_id uuid,
        due_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX delivery_heads_due_idx ON ${schema}.delivery_heads (due_at) WHERE delivery_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE FUNCTION ${schema}.refresh_delivery_heads(destinations text[]) RETURNS void
${refreshHeadsOneByOne(schema)}`);
    await queryRunner.query(`
      CREATE FUNCTION ${schema}.deliveries_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ${schema}.refresh_delivery_heads(ARRAY(SELECT destination FROM inserted));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION ${schema}.deliveries_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A lease changes neither status nor due time: no head moves.
        PERFORM ${schema}.refresh_delivery_heads(ARRAY(
          SELECT n.destination FROM updated n JOIN previous o ON o.id = n.id
           WHERE n.status IS DISTINCT FROM o.status OR n.due_at IS DISTINCT FROM o.due_at));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION ${schema}.deliveries_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM ${schema}.refresh_delivery_heads(ARRAY(SELECT destination FROM removed));
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER deliveries_heads_on_insert AFTER INSERT ON ${schema}.deliveries
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.deliveries_inserted()`);
    await queryRunner.query(`
      CREATE TRIGGER deliveries_heads_on_update AFTER UPDATE ON ${schema}.deliveries
        REFERENCING OLD TABLE AS previous NEW TABLE AS updated
        FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.deliveries_updated()`);
    await queryRunner.query(`
      CREATE TRIGGER deliveries_heads_on_delete AFTER DELETE ON ${schema}.deliveries
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.deliveries_deleted()`);
    await queryRunner.query(`
      SELECT ${schema}.refresh_delivery_heads(ARRAY(
        SELECT DISTINCT destination FROM ${schema}.deliveries WHERE status IN ('PENDING', 'RETRYING')))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    for (const trigger of ['insert', 'update', 'delete'])
      await queryRunner.query(`DROP TRIGGER deliveries_heads_on_${trigger} ON ${schema}.deliveries`);
    for (const fn of ['deliveries_inserted', 'deliveries_updated', 'deliveries_deleted'])
      await queryRunner.query(`DROP FUNCTION ${schema}.${fn}()`);
    await queryRunner.query(`DROP FUNCTION ${schema}.refresh_delivery_heads(text[])`);
    await queryRunner.query(`DROP TABLE ${schema}.delivery_heads`);
  }
}

/**
 * The body of `refresh_delivery_heads` as this migration made it: one destination at a time, in
 * sorted order (migration 1765000000500 recomputes them as sets, and restores this on the way down).
 */
export function refreshHeadsOneByOne(schema: string): string {
  return `      LANGUAGE plpgsql AS $$
      DECLARE
        one_destination text;
        head_id uuid;
        head_due timestamptz;
      BEGIN
        FOR one_destination IN SELECT DISTINCT d FROM unnest(destinations) AS d ORDER BY d LOOP
          INSERT INTO ${schema}.delivery_heads (destination) VALUES (one_destination) ON CONFLICT DO NOTHING;
          PERFORM 1 FROM ${schema}.delivery_heads WHERE destination = one_destination FOR UPDATE;
          head_id := NULL;
          head_due := NULL;
          SELECT id, due_at INTO head_id, head_due FROM ${schema}.deliveries
           WHERE destination = one_destination AND status IN ('PENDING', 'RETRYING')
           ORDER BY due_at, id LIMIT 1;
          UPDATE ${schema}.delivery_heads SET delivery_id = head_id, due_at = head_due
           WHERE destination = one_destination
             AND (delivery_id IS DISTINCT FROM head_id OR due_at IS DISTINCT FROM head_due);
        END LOOP;
      END $$`;
}
