import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { preparedStatementName } from './prepared-query';

/** One write as its repository defines it: SQL with `$1…$n` for its own `values`. */
export interface SqlWrite {
  sql: string;
  values: readonly unknown[];
}

/**
 * Several writes sent to PostgreSQL as one statement, each a data-modifying CTE: one round trip,
 * and atomic without BEGIN and COMMIT (a statement outside a transaction commits alone, all of it
 * or nothing). Every write is the repository's own SQL, so each table's columns stay written once;
 * its placeholders are renumbered into the statement's. The CTEs share one snapshot and cannot
 * see each other's rows, so two writes must not touch the same row (foreign keys are checked at
 * the end of the statement, so a child may follow its parent).
 */
export class WriteStatement {
  private readonly writes: string[] = [];
  private readonly values: unknown[] = [];
  private leading?: string;

  add(write: SqlWrite): void {
    this.writes.push(this.renumbered(write));
  }

  /**
   * The write that runs first, whatever was added before it: the statement's own result reads its
   * RETURNING, and PostgreSQL runs a CTE the main query reads while running that query, the others
   * after it. An INSERT that may wait for a concurrent holder of the same key (an idempotency
   * claim) then waits before the others take any row lock, as the first statement of a
   * transaction would, so two statements never hold what the other waits for.
   */
  lead(write: SqlWrite): void {
    if (this.leading !== undefined) throw new Error('a write statement has one leading write');
    if (!/^\s*INSERT\b/i.test(write.sql) || /\bRETURNING\b/i.test(write.sql))
      throw new Error('the leading write must be an INSERT without RETURNING');
    this.leading = `${this.renumbered(write)} RETURNING 1`;
  }

  private renumbered({ sql, values }: SqlWrite): string {
    const offset = this.values.length;
    const renumbered = sql.replace(/\$(\d+)/g, (_match, index: string) => {
      const position = Number(index);
      if (position < 1 || position > values.length)
        throw new Error(`placeholder $${position} has no value (${values.length} given)`);
      return `$${position + offset}`;
    });
    this.values.push(...values);
    return renumbered;
  }

  get size(): number {
    return this.writes.length + (this.leading === undefined ? 0 : 1);
  }

  /**
   * `WITH w0 AS (<leading> RETURNING 1), w1 AS (…), … SELECT (SELECT count(*) FROM w0)`: every
   * CTE runs to completion whether read or not.
   */
  text(): string {
    if (this.size === 0) throw new Error('a write statement needs at least one write');
    const ctes = [
      ...(this.leading === undefined ? [] : [`w0 AS (${this.leading})`]),
      ...this.writes.map((write, index) => `w${index + 1} AS (${write})`),
    ];
    const result =
      this.leading === undefined ? `${this.writes.length} AS writes` : '(SELECT count(*) FROM w0) AS leading';
    return `WITH ${ctes.join(', ')} SELECT ${result}`;
  }

  /**
   * Runs it on the pool, outside any transaction, as a named prepared statement: a request of one
   * shape is parsed and planned once per connection, not on every call.
   */
  async run(dataSource: DataSource): Promise<void> {
    const text = this.text();
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    await pool.query({ name: preparedStatementName(text), text, values: this.values });
  }
}
