import { DataSource, EntityManager } from 'typeorm';
import { LiteralSql, SqlWrite, quoteIdentifier, sqlLiteral } from '@envrefresh/persistence';
import { PendingOutboxRow } from './outbox-row';

/** An event to append: everything of a pending row but what the table gives it. */
export type NewOutboxRow = Omit<PendingOutboxRow, 'seq' | 'createdAt'>;

export interface OutboxBacklog {
  pending: number;
  oldestAgeSeconds: number;
}

/** SQL of the outbox table; the table lives in the owning service's schema. */
export class OutboxRepository {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `${quoteIdentifier(schema)}.outbox`;
  }

  async append(manager: EntityManager, row: NewOutboxRow): Promise<void> {
    await this.appendAll(manager, [row]);
  }

  /**
   * Rows in one statement, in their order (their `seq`s ascend as given): a transaction that
   * records many outcomes writes its events in one round trip, not one each.
   */
  async appendAll(manager: EntityManager, rows: readonly NewOutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { sql, values } = this.appendAllWrite(rows);
    await manager.query(sql, [...values]);
  }

  /** The rows' INSERT, for a WriteStatement or, inlined, to send with a COMMIT. */
  appendAllWrite(rows: readonly NewOutboxRow[]): SqlWrite {
    if (rows.length === 1) return this.appendWrite(rows[0]);
    return {
      sql: `INSERT INTO ${this.table} (id, type, routing_key, payload, headers)
       SELECT id, type, routing_key, payload, headers
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[]) WITH ORDINALITY
           AS r (id, type, routing_key, payload, headers, position)
        ORDER BY position`,
      values: [
        rows.map((row) => row.id),
        rows.map((row) => row.type),
        rows.map((row) => row.routingKey),
        rows.map((row) => JSON.stringify(row.payload)),
        rows.map((row) => JSON.stringify(row.headers)),
      ],
    };
  }

  appendWrite(row: NewOutboxRow): SqlWrite {
    return {
      sql: `INSERT INTO ${this.table} (id, type, routing_key, payload, headers) VALUES ($1, $2, $3, $4, $5)`,
      values: [row.id, row.type, row.routingKey, JSON.stringify(row.payload), JSON.stringify(row.headers)],
    };
  }

  /**
   * The claim, as the statement that opens the relay's transaction (it travels with the BEGIN):
   * rows locked here are skipped by every other relay until that transaction ends.
   */
  claimPendingStatement(limit: number): LiteralSql {
    return `SELECT seq, id, type, routing_key, payload::text AS payload, headers, created_at FROM ${this.table}
       WHERE published_at IS NULL ORDER BY seq LIMIT ${sqlLiteral(Math.trunc(limit))} FOR UPDATE SKIP LOCKED`;
  }

  /** What the claim answered, as rows. */
  claimedRows(opened: Record<string, unknown>[]): PendingOutboxRow[] {
    return opened.map((row) => ({
      seq: String(row.seq),
      id: String(row.id),
      type: String(row.type),
      routingKey: String(row.routing_key),
      payload: String(row.payload),
      headers: row.headers as Record<string, string>,
      createdAt: row.created_at as Date,
    }));
  }

  /** Sent with the relay's COMMIT: the rows' values are the claim's own (seqs and uuids). */
  markPublishedStatement(seqs: readonly string[], unroutableIds: readonly string[]): LiteralSql {
    return `UPDATE ${this.table} SET published_at = now(), publish_attempts = publish_attempts + 1,
         unroutable = (id::text = ANY(${sqlLiteral(unroutableIds)})) WHERE seq = ANY(${sqlLiteral(seqs)}::bigint[])`;
  }

  markFailedStatement(seqs: readonly string[], error: string): LiteralSql {
    return `UPDATE ${this.table} SET publish_attempts = publish_attempts + 1, last_error = ${sqlLiteral(error.slice(0, 1000))}
       WHERE seq = ANY(${sqlLiteral(seqs)}::bigint[])`;
  }

  async purgePublishedBefore(dataSource: DataSource, cutoff: Date): Promise<number> {
    const [, affected] = await dataSource.query(`DELETE FROM ${this.table} WHERE published_at < $1`, [
      cutoff,
    ]);
    return Number(affected ?? 0);
  }

  async backlog(dataSource: DataSource): Promise<OutboxBacklog> {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age
       FROM ${this.table} WHERE published_at IS NULL`,
    );
    return { pending: Number(row.pending), oldestAgeSeconds: Number(row.age) };
  }
}
