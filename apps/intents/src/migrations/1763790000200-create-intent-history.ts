import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * The audit trail is append-only in the database itself: UPDATE, DELETE and TRUNCATE raise,
 * whoever the client is. Only a superuser disabling the triggers can change a row, and the hash
 * chain (see apps/intents/README.md) then shows where.
 */
export class CreateIntentHistory1763790000200 implements MigrationInterface {
  name = 'CreateIntentHistory1763790000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.intent_history (
        intent_id uuid NOT NULL REFERENCES ${schema}.refresh_intents (id),
        sequence integer NOT NULL CHECK (sequence > 0),
        action text NOT NULL,
        actor jsonb NOT NULL,
        from_status text,
        to_status text NOT NULL,
        notes text,
        at timestamptz NOT NULL,
        correlation_id text NOT NULL,
        previous_hash text,
        hash text NOT NULL,
        PRIMARY KEY (intent_id, sequence)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION ${schema}.refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'intent_history is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER intent_history_append_only
        BEFORE UPDATE OR DELETE ON ${schema}.intent_history
        FOR EACH ROW EXECUTE FUNCTION ${schema}.refuse_history_change()`);
    await queryRunner.query(`
      CREATE TRIGGER intent_history_no_truncate
        BEFORE TRUNCATE ON ${schema}.intent_history
        FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.refuse_history_change()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${schema}.intent_history`);
    await queryRunner.query(`DROP FUNCTION ${schema}.refuse_history_change()`);
  }
}
