import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * The conflicts the rules find (SPEC "Conflicts"); the approval gate reads the OPEN BLOCKING ones.
 * `window` is a reserved word in SQL, so the column is always quoted.
 */
export class CreateConflicts1763780000300 implements MigrationInterface {
  name = 'CreateConflicts1763780000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.conflicts (
        id uuid PRIMARY KEY,
        intent_id uuid NOT NULL,
        environment_id uuid NOT NULL,
        type text NOT NULL,
        severity text NOT NULL,
        rule text NOT NULL,
        explanation text NOT NULL,
        related_ref jsonb NOT NULL,
        "window" tstzrange NOT NULL,
        status text NOT NULL DEFAULT 'OPEN',
        acknowledged_by jsonb,
        acknowledged_at timestamptz,
        overridden_by jsonb,
        overridden_at timestamptz,
        justification text,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT conflicts_type_ck CHECK (type IN ('INTENT_OVERLAP', 'BOOKING_OVERLAP', 'BLACKOUT',
          'OUTSIDE_MAINTENANCE', 'DEPENDENCY', 'SOURCE_CONTENTION')),
        CONSTRAINT conflicts_severity_ck CHECK (severity IN ('BLOCKING', 'WARNING')),
        CONSTRAINT conflicts_status_ck CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'OVERRIDDEN', 'RESOLVED')),
        CONSTRAINT conflicts_related_ref_ck CHECK (jsonb_typeof(related_ref) = 'object'
          AND related_ref ? 'kind' AND related_ref ? 'id'),
        CONSTRAINT conflicts_window_ck CHECK (NOT isempty("window")),
        CONSTRAINT conflicts_override_justified_ck CHECK (status <> 'OVERRIDDEN' OR justification IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX conflicts_intent_idx ON ${schema}.conflicts (intent_id, status)`);
    // The gate's question, asked before every approve and start.
    await queryRunner.query(
      `CREATE INDEX conflicts_open_blocking_idx ON ${schema}.conflicts (intent_id)
         WHERE status = 'OPEN' AND severity = 'BLOCKING'`,
    );
    await queryRunner.query(
      `CREATE INDEX conflicts_environment_idx ON ${schema}.conflicts (environment_id, status)`,
    );
    await queryRunner.query(`CREATE INDEX conflicts_window_idx ON ${schema}.conflicts USING gist ("window")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.conflicts`);
  }
}
