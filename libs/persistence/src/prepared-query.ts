import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** PostgreSQL's "cached plan must not change result type": a table the statement reads changed shape. */
const STALE_PREPARED_STATEMENT = '0A000';

/**
 * Raised when a statement went stale (above): every name made after it is new, so each
 * connection prepares the statement again rather than failing on the old one until it closes.
 */
let generation = 0;

/**
 * Runs a statement of fixed text as a named prepared statement, on the connection `manager` works
 * on: the transaction's own inside one, so it sees what that transaction wrote; the pool's
 * otherwise. Each connection parses and plans it once, then binds and runs it; for the queries an
 * event runs (the situation's union of windows, notifications' event subject) parsing and planning cost PostgreSQL several
 * times what running them does (docs/PERFORMANCE.md, 2026-12-08). The name is the text's digest,
 * so one text has one name everywhere. Errors are TypeORM's QueryFailedError, as `manager.query`
 * throws them.
 */
export async function queryPrepared<TRow>(
  manager: EntityManager,
  text: string,
  values: readonly unknown[],
): Promise<TRow[]> {
  const statement = { name: preparedStatementName(text), text, values: [...values] };
  try {
    const runner = manager.queryRunner as PostgresQueryRunner | undefined;
    if (runner) {
      const client = (await runner.connect()) as PoolClient;
      return (await client.query(statement)).rows as TRow[];
    }
    const pool = (manager.connection.driver as PostgresDriver).master as Pool;
    return (await pool.query(statement)).rows as TRow[];
  } catch (error) {
    if ((error as { code?: unknown }).code === STALE_PREPARED_STATEMENT) generation += 1;
    throw error instanceof QueryFailedError ? error : new QueryFailedError(text, [...values], error as Error);
  }
}

/** Texts seen, with their digests: the statements are the code's own, a few hundred at most. */
const digests = new Map<string, string>();
const MAX_REMEMBERED_DIGESTS = 2_000;

/** The name a statement of this text is prepared under, in this process. */
export function preparedStatementName(text: string): string {
  let digest = digests.get(text);
  if (digest === undefined) {
    digest = createHash('sha1').update(text).digest('hex').slice(0, 20);
    if (digests.size < MAX_REMEMBERED_DIGESTS) digests.set(text, digest);
  }
  return `q${generation}-${digest}`;
}
