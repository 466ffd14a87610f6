import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateMessagingTables1763780000000 } from '@envrefresh/messaging';
import { MigrationReport, runMigrations, schemaOf } from '@envrefresh/persistence';
import { TestDatabase, createTestDatabase } from '@envrefresh/testing';

/** Sleeps before creating its table, so a second run arrives while the first is still migrating. */
class CreateSlowWidgets1763790000001 implements MigrationInterface {
  name = 'CreateSlowWidgets1763790000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('SELECT pg_sleep(0.5)');
    await queryRunner.query(
      `CREATE TABLE ${schemaOf(queryRunner)}.widgets (id uuid PRIMARY KEY, name text NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.widgets`);
  }
}

class CreateWidgetParts1763790000002 implements MigrationInterface {
  name = 'CreateWidgetParts1763790000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(
      `CREATE TABLE ${schema}.widget_parts (widget_id uuid NOT NULL REFERENCES ${schema}.widgets (id), part text NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${schemaOf(queryRunner)}.widget_parts`);
  }
}

const MIGRATIONS = [
  CreateMessagingTables1763780000000,
  CreateSlowWidgets1763790000001,
  CreateWidgetParts1763790000002,
];
const MIGRATION_NAMES = MIGRATIONS.map((migration) => migration.name);

describe('migrations started concurrently on a fresh database', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  const migrate = (schema: string, run: string): Promise<MigrationReport> =>
    runMigrations({
      url: database.url,
      schema,
      migrations: MIGRATIONS,
      applicationName: `concurrent-migrations-${run}`,
    });

  const tablesOf = async (schema: string) =>
    (
      await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
        [schema],
      )
    ).rows.map((row) => row.table_name);

  it('both succeed: one applies every migration, the other waits and finds nothing pending', async () => {
    const reports = await Promise.all([migrate('widgets', 'a'), migrate('widgets', 'b')]);

    const applied = reports.map((report) => report.applied).sort((a, b) => b.length - a.length);
    expect(applied).toEqual([MIGRATION_NAMES, []]);
    expect(reports.map((report) => report.schema)).toEqual(['widgets', 'widgets']);
  });

  it('leaves the schema with each migration recorded exactly once and every table created', async () => {
    const { rows } = await client.query<{ name: string; runs: number }>(
      'SELECT name, count(*)::int AS runs FROM widgets.migrations GROUP BY name ORDER BY name',
    );
    expect(rows).toEqual([...MIGRATION_NAMES].sort().map((name) => ({ name, runs: 1 })));
    expect(await tablesOf('widgets')).toEqual(['inbox', 'migrations', 'outbox', 'widget_parts', 'widgets']);
  });

  it('makes only runs on the same schema wait for each other', async () => {
    // Holds the lock a run on "gadgets" takes, as a long migration of that schema would.
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', ['envrefresh:migrate:gadgets']);
      let gadgetsSettled = false;
      const gadgets = migrate('gadgets', 'c').finally(() => (gadgetsSettled = true));

      expect((await migrate('gizmos', 'd')).applied).toEqual(MIGRATION_NAMES);
      expect(gadgetsSettled).toBe(false);

      await holder.query('SELECT pg_advisory_unlock(hashtext($1))', ['envrefresh:migrate:gadgets']);
      expect((await gadgets).applied).toEqual(MIGRATION_NAMES);
      expect(await tablesOf('gadgets')).toEqual(await tablesOf('gizmos'));
    } finally {
      await holder.end();
    }
  });
});
