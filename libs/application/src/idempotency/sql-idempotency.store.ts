import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SqlWrite, quoteIdentifier } from '@envrefresh/persistence';
import { isUniqueViolation } from '../postgres-errors';
import { IdempotencyScope, IdempotencyStore, RememberedRequest } from './idempotency.store.port';

/** The schema whose `idempotency_keys` table (CreateIdempotencyKeys migration) holds this service's keys. */
export const IDEMPOTENCY_SCHEMA = Symbol('IdempotencySchema');

@Injectable()
export class SqlIdempotencyStore implements IdempotencyStore {
  private readonly table: string;

  constructor(@Inject(IDEMPOTENCY_SCHEMA) schema: string) {
    this.table = `${schema}.idempotency_keys`;
  }

  claimWrite(scope: IdempotencyScope, requestHash: string, response: unknown): SqlWrite {
    return {
      sql: `INSERT INTO ${this.table} (actor_sub, key, request_hash, response, created_at) VALUES ($1, $2, $3, $4, now())`,
      values: [scope.actorSub, scope.key, requestHash, JSON.stringify(response)],
    };
  }

  isTaken(error: unknown): boolean {
    // The table's primary key (actor_sub, key), as CreateIdempotencyKeys names it by default.
    return (
      isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'idempotency_keys_pkey'
    );
  }

  async remembered(manager: EntityManager, scope: IdempotencyScope): Promise<RememberedRequest | null> {
    const [row] = (await manager.query(
      `SELECT request_hash, response FROM ${this.table} WHERE actor_sub = $1 AND key = $2`,
      [scope.actorSub, scope.key],
    )) as { request_hash: string; response: unknown }[];
    return row ? { requestHash: row.request_hash, response: row.response } : null;
  }

  async claim(
    manager: EntityManager,
    scope: IdempotencyScope,
    requestHash: string,
  ): Promise<RememberedRequest | null> {
    // Blocks behind an uncommitted claim of the same key; afterwards the row is either ours or theirs.
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ${this.table} (actor_sub, key, request_hash, created_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (actor_sub, key) DO NOTHING
       RETURNING 1`,
      [scope.actorSub, scope.key, requestHash],
    );
    if (inserted.length === 1) return null;
    return this.remembered(manager, scope);
  }

  async remember(manager: EntityManager, scope: IdempotencyScope, response: unknown): Promise<void> {
    await manager.query(`UPDATE ${this.table} SET response = $3 WHERE actor_sub = $1 AND key = $2`, [
      scope.actorSub,
      scope.key,
      JSON.stringify(response),
    ]);
  }
}

/**
 * The retention purge (IdempotencyKeyJanitor): keys created before `cutoff` are forgotten, so a
 * request repeated after that is a new request. Nothing when the schema has no key table.
 */
export async function purgeIdempotencyKeysBefore(
  dataSource: DataSource,
  schema: string,
  cutoff: Date,
): Promise<number> {
  const table = `${quoteIdentifier(schema)}.idempotency_keys`;
  const [exists] = (await dataSource.query('SELECT to_regclass($1) IS NOT NULL AS present', [table])) as {
    present: boolean;
  }[];
  if (!exists.present) return 0;
  const [, affected] = (await dataSource.query(`DELETE FROM ${table} WHERE created_at < $1`, [cutoff])) as [
    unknown,
    number,
  ];
  return Number(affected ?? 0);
}
