import { DataSource, QueryFailedError } from 'typeorm';
import { preparedStatementName, queryPrepared } from '@envrefresh/persistence';
import { MigratedTestDatabase, migratedTestDatabase } from '@envrefresh/testing';

describe('a statement run prepared', () => {
  let migrated: MigratedTestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    migrated = await migratedTestDatabase({ schema: 'public', applicationName: 'prepared-query-spec' });
    dataSource = migrated.dataSource;
    await dataSource.query('CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)');
  });

  afterAll(async () => migrated?.close());

  beforeEach(async () => {
    await dataSource.query('TRUNCATE items');
  });

  /** The statements PostgreSQL holds prepared, by name, on the connection `manager` works on. */
  const preparedOn = async (manager: DataSource['manager']): Promise<string[]> =>
    ((await manager.query('SELECT name FROM pg_prepared_statements')) as { name: string }[]).map(
      (row) => row.name,
    );

  it("runs inside a transaction on the transaction's own connection, seeing its writes, and is prepared there", async () => {
    const text = 'SELECT id, name FROM items WHERE id = $1';
    await dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO items VALUES (1, $1)', ['one']);
      expect(await queryPrepared(manager, text, [1])).toEqual([{ id: '1', name: 'one' }]);
      expect(await preparedOn(manager)).toContain(preparedStatementName(text));
    });
    // Rolled back: nothing the statement saw stays.
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO items VALUES (2, $1)', ['two']);
        expect(await queryPrepared(manager, text, [2])).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await queryPrepared(dataSource.manager, text, [2])).toEqual([]);
  });

  it('answers the rows of a write that returns them, outside a transaction too', async () => {
    const rows = await queryPrepared<{ id: string }>(
      dataSource.manager,
      'INSERT INTO items VALUES ($1, $2) RETURNING id',
      [7, 'seven'],
    );
    expect(rows).toEqual([{ id: '7' }]);
  });

  it("fails as TypeORM's QueryFailedError with PostgreSQL's code", async () => {
    await dataSource.query(`INSERT INTO items VALUES (3, 'three')`);
    const failure = await queryPrepared(dataSource.manager, 'INSERT INTO items VALUES ($1, $2)', [
      3,
      'again',
    ]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as { code?: string }).code).toBe('23505');
  });

  it('is prepared again under a new name once a table it reads changed shape', async () => {
    const text = 'SELECT * FROM items ORDER BY id';
    await dataSource.query(`INSERT INTO items VALUES (4, 'four')`);
    // One connection, so the second run meets the statement the first one prepared.
    const runner = dataSource.createQueryRunner();
    try {
      expect(await queryPrepared(runner.manager, text, [])).toEqual([{ id: '4', name: 'four' }]);
      const before = preparedStatementName(text);
      await dataSource.query('ALTER TABLE items ADD COLUMN note text');
      const stale = await queryPrepared(runner.manager, text, []).catch((error: unknown) => error);
      expect((stale as { code?: string }).code).toBe('0A000');
      expect(preparedStatementName(text)).not.toBe(before);
      expect(await queryPrepared(runner.manager, text, [])).toEqual([{ id: '4', name: 'four', note: null }]);
    } finally {
      await runner.release();
      await dataSource.query('ALTER TABLE items DROP COLUMN note');
    }
  });
});
