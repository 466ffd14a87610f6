import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';

/**
 * Bookings (SPEC "Conflicts"): a group's claim on an environment for `[start, end)`. Cancelled ones
 * stay (with who and when) but no longer take part in conflict detection.
 */
export class CreateBookings1763800000500 implements MigrationInterface {
  name = 'CreateBookings1763800000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.bookings (
        id uuid PRIMARY KEY,
        environment_id uuid NOT NULL,
        during tstzrange NOT NULL,
        group_key text NOT NULL,
        purpose text NOT NULL,
        priority text NOT NULL,
        created_by jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        cancelled_by jsonb,
        cancelled_at timestamptz,
        CONSTRAINT bookings_during_not_empty_ck CHECK (NOT isempty(during)),
        CONSTRAINT bookings_priority_ck CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
        CONSTRAINT bookings_cancellation_ck CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL))
      )`);
    // The rules' question: live bookings of this environment overlapping this range.
    await queryRunner.query(
      `CREATE INDEX bookings_live_during_idx ON ${schema}.bookings
         USING gist (environment_id, during) WHERE cancelled_at IS NULL`,
    );
    // The list: earliest start first, keyset-paginated, over all environments or one.
    await queryRunner.query(`CREATE INDEX bookings_start_idx ON ${schema}.bookings (lower(during), id)`);
    await queryRunner.query(
      `CREATE INDEX bookings_environment_start_idx ON ${schema}.bookings (environment_id, lower(during), id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.bookings`);
  }
}
