import { EntityManager } from 'typeorm';
import { LiteralSql, quoteIdentifier, sqlLiteral, sqlLiterals } from '@envrefresh/persistence';

/**
 * A table whose rows are leased to workers. It needs `leased_until timestamptz` and
 * `lease_owner text` columns, a key, and a due-time column; `pending` is the SQL condition of a
 * row that still has work (e.g. `delivered_at IS NULL AND NOT abandoned`), written by the use,
 * never from input. An index on the due column `WHERE <pending>` keeps the claim cheap.
 */
export interface LeasedTable {
  schema: string;
  table: string;
  key?: string;
  dueColumn?: string;
  pending: string;
  /**
   * Where the claim finds its rows when the table alone would make it walk many it must refuse
   * (a use that keeps its own index of what may be claimed): a SELECT of keys, due at `$1`, in due
   * order, at most `$2` (rows, or slots when the job groups rows into slots: LeasedJob.slotOf),
   * locking them `FOR UPDATE … SKIP LOCKED` and leaving out rows leased now.
   * Without it the claim takes the earliest due rows that are `pending` and not leased.
   */
  candidates?: string;
  /** The columns handed to `map`; the key is always among them. */
  columns: string[];
}

/** The SQL of leasing, written once for every use. */
export class LeasedTableSql {
  private readonly name: string;
  private readonly key: string;
  private readonly due: string;
  private readonly columns: string;

  constructor(private readonly table: LeasedTable) {
    this.name = `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.table)}`;
    this.key = quoteIdentifier(table.key ?? 'id');
    this.due = quoteIdentifier(table.dueColumn ?? 'due_at');
    this.columns = [...new Set([table.key ?? 'id', ...table.columns])].map(quoteIdentifier).join(', ');
  }

  /**
   * Due rows nobody holds (never leased, or the lease ran out), leased to `owner` in one statement.
   * Lease times are the database's, so workers on machines whose clocks drift agree on them; due
   * times are compared with the business clock, which a test may move.
   */
  async lease(
    manager: EntityManager,
    owner: string,
    request: { limit: number; now: Date; leaseMs: number },
  ): Promise<Record<string, unknown>[]> {
    const candidates =
      this.table.candidates ??
      `SELECT ${this.key} FROM ${this.name}
        WHERE (${this.table.pending}) AND ${this.due} <= $1
          AND (leased_until IS NULL OR leased_until < clock_timestamp())
        ORDER BY ${this.due} LIMIT $2 FOR UPDATE SKIP LOCKED`;
    const rows = await manager.query(
      `UPDATE ${this.name} SET leased_until = clock_timestamp() + $4 * interval '1 millisecond', lease_owner = $3
        WHERE ${this.key} IN (${candidates})
        RETURNING ${this.columns}`,
      [request.now.toISOString(), request.limit, owner, request.leaseMs],
    );
    // node-postgres answers an UPDATE … RETURNING with [rows, count] through TypeORM.
    return (Array.isArray(rows[0]) ? rows[0] : rows) as Record<string, unknown>[];
  }

  /**
   * Locks the rows `owner` still holds among `keys` (in key order, as every recording does),
   * clears their leases and answers their keys; the others passed on. It opens the transaction
   * that records their outcomes (it travels with the BEGIN): the rows stay locked until it
   * commits, so the lease is gone exactly when the outcome is there, and a rollback keeps both.
   */
  releaseHeldStatement(owner: string, keys: readonly unknown[]): LiteralSql {
    return `UPDATE ${this.name} SET leased_until = NULL, lease_owner = NULL
        WHERE ${this.key} IN (
          SELECT ${this.key} FROM ${this.name} WHERE ${this.key} IN (${sqlLiterals(keys.map(String))})
             AND lease_owner = ${sqlLiteral(owner)}
           ORDER BY ${this.key} FOR UPDATE)
        RETURNING ${this.key} AS key`;
  }

  /**
   * Extends `owner`'s leases among `keys` by `leaseMs` from now, and answers the keys it extended.
   * Rows locked at the moment are skipped, never waited for: the lock is this worker's own
   * recording of their outcome (nobody can claim a locked row) or a claim of a lease already lost.
   */
  async renew(
    manager: EntityManager,
    owner: string,
    keys: unknown[],
    leaseMs: number,
  ): Promise<Set<unknown>> {
    const result = await manager.query(
      `UPDATE ${this.name} SET leased_until = clock_timestamp() + $3 * interval '1 millisecond'
        WHERE ${this.key} IN (
          SELECT ${this.key} FROM ${this.name} WHERE ${this.key} = ANY ($1) AND lease_owner = $2
           FOR UPDATE SKIP LOCKED)
        RETURNING ${this.key} AS key`,
      [keys, owner, leaseMs],
    );
    const rows = (Array.isArray(result[0]) ? result[0] : result) as Record<string, unknown>[];
    return new Set(rows.map((row) => row.key));
  }

  keyOf(raw: Record<string, unknown>): unknown {
    return raw[this.table.key ?? 'id'];
  }
}
