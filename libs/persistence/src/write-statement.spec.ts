import { WriteStatement } from './write-statement';

describe('WriteStatement', () => {
  it("renumbers each write's placeholders after the ones before it, and keeps the values in order", () => {
    const statement = new WriteStatement();
    statement.add({ sql: 'INSERT INTO a (x, y) VALUES ($1, $2)', values: ['x', 'y'] });
    statement.add({ sql: 'INSERT INTO b (z, again) VALUES ($1, $1)', values: ['z'] });
    expect(statement.text()).toBe(
      'WITH w1 AS (INSERT INTO a (x, y) VALUES ($1, $2)), w2 AS (INSERT INTO b (z, again) VALUES ($3, $3)) SELECT 2 AS writes',
    );
    expect(statement.size).toBe(2);
  });

  it('refuses a placeholder without a value, and an empty statement', () => {
    const statement = new WriteStatement();
    expect(() => statement.text()).toThrow('at least one write');
    expect(() => statement.add({ sql: 'INSERT INTO a (x) VALUES ($2)', values: ['x'] })).toThrow(
      'placeholder $2 has no value',
    );
  });

  it('runs the leading write first: the main query reads its RETURNING', () => {
    const statement = new WriteStatement();
    statement.add({ sql: 'INSERT INTO a (x) VALUES ($1)', values: ['x'] });
    statement.lead({ sql: 'INSERT INTO keys (k) VALUES ($1)', values: ['k'] });
    expect(statement.text()).toBe(
      'WITH w0 AS (INSERT INTO keys (k) VALUES ($2) RETURNING 1), w1 AS (INSERT INTO a (x) VALUES ($1)) SELECT (SELECT count(*) FROM w0) AS leading',
    );
    expect(() => statement.lead({ sql: 'INSERT INTO b (y) VALUES ($1)', values: ['y'] })).toThrow(
      'one leading write',
    );
  });
});
