import { DataSource, EntityManager } from 'typeorm';
import { SqlWrite, quoteIdentifier } from '@envrefresh/persistence';
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
    if (rows.length === 1) {
      const [row] = rows;
      await manager.query(
        `INSERT INTO ${this.table} (id, type, routing_key, payload, headers) VALUES ($1, $2, $3, $4, $5)`,
        [row.id, row.type, row.routingKey, JSON.stringify(row.payload), JSON.stringify(row.headers)],
      );
      return;
    }
    await manager.query(
      `INSERT INTO ${this.table} (id, type, routing_key, payload, headers)
       SELECT id, type, routing_key, payload, headers
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[]) WITH ORDINALITY
           AS r (id, type, routing_key, payload, headers, position)
        ORDER BY position`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.type),
        rows.map((row) => row.routingKey),
        rows.map((row) => JSON.stringify(row.payload)),
        rows.map((row) => JSON.stringify(row.headers)),
      ],
    );
  }

  /** The same INSERT, for a WriteStatement that sends it with the rest of a command's writes. */
  appendWrite(row: NewOutboxRow): SqlWrite {
    return {
      sql: `INSERT INTO ${this.table} (id, type, routing_key, payload, headers) VALUES ($1, $2, $3, $4, $5)`,
      values: [row.id, row.type, row.routingKey, JSON.stringify(row.payload), JSON.stringify(row.headers)],
    };
  }

  /** Rows locked here are skipped by every other relay until this transaction ends. */
  async claimPending(manager: EntityManager, limit: number): Promise<PendingOutboxRow[]> {
    const rows: Array<{
      seq: string;
      id: string;
      type: string;
      routing_key: string;
      payload: string;
      headers: Record<string, string>;
      created_at: Date;
    }> = await manager.query(
      `SELECT seq, id, type, routing_key, payload::text AS payload, headers, created_at FROM ${this.table}
         WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({
      seq: row.seq,
      id: row.id,
      type: row.type,
      routingKey: row.routing_key,
      payload: row.payload,
      headers: row.headers,
      createdAt: row.created_at,
    }));
  }

  async markPublished(manager: EntityManager, seqs: string[], unroutableIds: string[]): Promise<void> {
    if (seqs.length === 0) return;
    await manager.query(
      `UPDATE ${this.table} SET published_at = now(), publish_attempts = publish_attempts + 1,
         unroutable = (id::text = ANY($2::text[])) WHERE seq = ANY($1::bigint[])`,
      [seqs, unroutableIds],
    );
  }

  async markFailed(manager: EntityManager, seqs: string[], error: string): Promise<void> {
    if (seqs.length === 0) return;
    await manager.query(
      `UPDATE ${this.table} SET publish_attempts = publish_attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])`,
      [seqs, error.slice(0, 1000)],
    );
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
