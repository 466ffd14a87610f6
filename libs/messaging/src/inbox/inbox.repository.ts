import { DataSource, EntityManager } from 'typeorm';
import { quoteIdentifier } from '@envrefresh/persistence';

/** Remembers which events a consumer has processed, inside the handler's own transaction. */
export class InboxRepository {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `${quoteIdentifier(schema)}.inbox`;
  }

  /** False when this consumer already processed the message: the caller skips it. */
  async recordFirstDelivery(
    manager: EntityManager,
    consumer: string,
    messageId: string,
    type: string,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO ${this.table} (consumer, message_id, type) VALUES ($1, $2, $3)
       ON CONFLICT (consumer, message_id) DO NOTHING RETURNING message_id`,
      [consumer, messageId, type],
    );
    return rows.length === 1;
  }

  /**
   * The same for several messages in one statement: answers the ids recorded now, the others
   * having been processed before. An id given twice is recorded once; which of its deliveries
   * runs is the caller's choice.
   */
  async recordFirstDeliveries(
    manager: EntityManager,
    consumer: string,
    messages: ReadonlyArray<{ id: string; type: string }>,
  ): Promise<Set<string>> {
    const rows: Array<{ message_id: string }> = await manager.query(
      `INSERT INTO ${this.table} (consumer, message_id, type)
       SELECT $1, id, type FROM unnest($2::text[], $3::text[]) AS m (id, type)
       ON CONFLICT (consumer, message_id) DO NOTHING RETURNING message_id`,
      [consumer, messages.map(({ id }) => id), messages.map(({ type }) => type)],
    );
    return new Set(rows.map((row) => row.message_id));
  }

  /** Redeliveries come within minutes; rows far older than any redelivery are dead weight. */
  async purgeProcessedBefore(dataSource: DataSource, cutoff: Date): Promise<number> {
    const [, affected] = await dataSource.query(`DELETE FROM ${this.table} WHERE processed_at < $1`, [
      cutoff,
    ]);
    return Number(affected ?? 0);
  }
}
