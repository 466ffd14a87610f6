import { DataSource } from 'typeorm';
import { inlinedSql, runTransactionBegunWith, sqlLiteral, sqlLiterals } from '@envrefresh/persistence';
import { MigratedTestDatabase, migratedTestDatabase } from '@envrefresh/testing';

describe('a transaction begun with its first statement', () => {
  let migrated: MigratedTestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    migrated = await migratedTestDatabase({
      schema: 'public',
      applicationName: 'transaction-begun-with-spec',
    });
    dataSource = migrated.dataSource;
    await dataSource.query('CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL)');
    await dataSource.query(
      'CREATE TABLE notes (id bigint, at timestamptz, note text, payload jsonb, seen boolean)',
    );
  });

  afterAll(async () => migrated?.close());

  beforeEach(async () => {
    await dataSource.query('TRUNCATE items');
  });

  const count = async (where = 'true') =>
    Number((await dataSource.query(`SELECT count(*) AS n FROM items WHERE ${where}`))[0].n);

  it('commits the opening, the work and the closing together, and answers the work', async () => {
    const answer = await runTransactionBegunWith(
      dataSource,
      `INSERT INTO items VALUES (1, ${sqlLiteral("it's")}) RETURNING id, name`,
      async ({ manager, opened, closeWith }) => {
        expect(opened).toEqual([{ id: '1', name: "it's" }]);
        // The work's own queries take parameters, and see the opening's row.
        await manager.query('INSERT INTO items VALUES ($1, $2)', [2, 'two']);
        expect(await manager.query('SELECT count(*)::int AS n FROM items')).toEqual([{ n: 2 }]);
        closeWith(`UPDATE items SET name = 'closed' WHERE id IN (${sqlLiterals(['1', '2'])})`);
        closeWith(`INSERT INTO items VALUES (3, 'three')`);
        // Nothing is visible outside before the commit.
        expect(await count()).toBe(0);
        return 'done';
      },
    );
    expect(answer).toBe('done');
    expect(await count("name = 'closed'")).toBe(2);
    expect(await count('id = 3')).toBe(1);
  });

  it('answers the rows of the last statement of the opening', async () => {
    await runTransactionBegunWith(
      dataSource,
      `SET LOCAL statement_timeout = 5000; SELECT current_setting('statement_timeout') AS timeout`,
      async ({ opened }) => expect(opened).toEqual([{ timeout: '5s' }]),
    );
  });

  it('rolls everything back when the work throws', async () => {
    await expect(
      runTransactionBegunWith(dataSource, `INSERT INTO items VALUES (1, 'one')`, async ({ manager }) => {
        await manager.query(`INSERT INTO items VALUES (2, 'two')`);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    expect(await count()).toBe(0);
  });

  it('rolls the opening and the work back when the closing fails, and leaves the connection usable', async () => {
    await expect(
      runTransactionBegunWith(
        dataSource,
        `INSERT INTO items VALUES (1, 'one')`,
        async ({ manager, closeWith }) => {
          await manager.query(`INSERT INTO items VALUES (2, 'two')`);
          closeWith(`INSERT INTO items VALUES (1, 'the same key again')`);
        },
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await count()).toBe(0);
    // Every pooled connection is out of the aborted transaction.
    await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        runTransactionBegunWith(
          dataSource,
          `INSERT INTO items VALUES (${100 + index}, 'x')`,
          async () => undefined,
        ),
      ),
    );
    expect(await count()).toBe(12);
  });

  it('fails on a failed opening without leaving its transaction open', async () => {
    await expect(
      runTransactionBegunWith(dataSource, 'SELECT * FROM no_such_table', async () => 'never'),
    ).rejects.toThrow(/no_such_table/);
    await runTransactionBegunWith(dataSource, `INSERT INTO items VALUES (1, 'one')`, async () => undefined);
    expect(await count()).toBe(1);
  });

  it('lets TypeORM nest a transaction in it as a savepoint, not a second BEGIN', async () => {
    await runTransactionBegunWith(dataSource, `INSERT INTO items VALUES (1, 'one')`, async ({ manager }) => {
      await manager
        .transaction(async (nested) => {
          await nested.query(`INSERT INTO items VALUES (2, 'two')`);
          throw new Error('only the savepoint goes');
        })
        .catch(() => undefined);
    });
    expect(await dataSource.query('SELECT id FROM items ORDER BY id')).toEqual([{ id: '1' }]);
  });

  it('sends a parameterised write inlined with the COMMIT, exactly as its parameters would', async () => {
    const at = new Date('2026-12-07T10:11:12.345Z');
    const payload = JSON.stringify({ text: `it's \\ "$1"`, list: [1, null] });
    await runTransactionBegunWith(dataSource, 'SELECT 1', async ({ closeWith }) => {
      closeWith(
        inlinedSql({
          sql: `INSERT INTO notes SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::jsonb[], $5::boolean[])`,
          values: [
            [1, 2],
            [at.toISOString(), null],
            ['one', null],
            [payload, null],
            [true, null],
          ],
        }),
      );
      closeWith(
        inlinedSql({
          sql: 'INSERT INTO notes VALUES ($1, $2, $3, $4, $5)',
          values: [3, at, null, payload, false],
        }),
      );
    });
    expect(await dataSource.query('SELECT id, at, note, payload, seen FROM notes ORDER BY id')).toEqual([
      { id: '1', at, note: 'one', payload: JSON.parse(payload), seen: true },
      { id: '2', at: null, note: null, payload: null, seen: null },
      { id: '3', at, note: null, payload: JSON.parse(payload), seen: false },
    ]);
    expect(() => inlinedSql({ sql: 'SELECT $2', values: [1] })).toThrow('placeholder $2 has no value');
  });

  it('quotes literals so that no value can end the statement', async () => {
    const hostile = `'); DROP TABLE items; --\\`;
    await runTransactionBegunWith(
      dataSource,
      `INSERT INTO items VALUES (1, ${sqlLiteral(hostile)}) RETURNING name`,
      async ({ opened }) => expect(opened).toEqual([{ name: hostile }]),
    );
    expect(await count()).toBe(1);
    expect(sqlLiteral(7)).toBe('7');
    expect(() => sqlLiteral(Number.NaN)).toThrow('not a number');
    expect(() => sqlLiterals([])).toThrow('at least one value');
    expect(sqlLiteral(['a', "b'c", null])).toBe(`'{"a","b''c",NULL}'::text[]`);
  });
});
