import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

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

  add({ sql, values }: SqlWrite): void {
    const offset = this.values.length;
    const renumbered = sql.replace(/\$(\d+)/g, (_match, index: string) => {
      const position = Number(index);
      if (position < 1 || position > values.length)
        throw new Error(`placeholder $${position} has no value (${values.length} given)`);
      return `$${position + offset}`;
    });
    this.writes.push(renumbered);
    this.values.push(...values);
  }

  get size(): number {
    return this.writes.length;
  }

  /** `WITH w1 AS (…), w2 AS (…) SELECT count(*)`: every CTE runs to completion whether read or not. */
  text(): string {
    if (this.writes.length === 0) throw new Error('a write statement needs at least one write');
    return `WITH ${this.writes.map((write, index) => `w${index + 1} AS (${write})`).join(', ')} SELECT ${this.writes.length} AS writes`;
  }

  /**
   * Runs it on the pool, outside any transaction, as a named prepared statement: a request of one
   * shape is parsed and planned once per connection, not on every call.
   */
  async run(dataSource: DataSource): Promise<void> {
    const text = this.text();
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    const name = `write-${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    await pool.query({ name, text, values: this.values });
  }
}
