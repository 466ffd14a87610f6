import { DataSource } from 'typeorm';
import { LiteralSql, quoteIdentifier, sqlLiteral } from '@envrefresh/persistence';

/** Remembers which events a consumer has processed, inside the handler's own transaction. */
export class InboxRepository {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `${quoteIdentifier(schema)}.inbox`;
  }

  /**
   * The inbox rows of these messages, as the statement that opens their handling transaction
   * (`UnitOfWork.runBegunWith`: it travels with the BEGIN). It answers the `message_id` of each
   * recorded now; the others were processed before. An id given twice is recorded once; which of
   * its deliveries runs is the caller's choice.
   */
  firstDeliveriesStatement(
    consumer: string,
    messages: ReadonlyArray<{ id: string; type: string }>,
  ): LiteralSql {
    if (messages.length === 0) throw new Error('an inbox statement records at least one message');
    const ids = sqlLiteral(messages.map(({ id }) => id));
    const types = sqlLiteral(messages.map(({ type }) => type));
    return `INSERT INTO ${this.table} (consumer, message_id, type)
       SELECT ${sqlLiteral(consumer)}, id, type FROM unnest(${ids}, ${types}) AS m (id, type)
       ON CONFLICT (consumer, message_id) DO NOTHING RETURNING message_id`;
  }

  /** Redeliveries come within minutes; rows far older than any redelivery are dead weight. */
  async purgeProcessedBefore(dataSource: DataSource, cutoff: Date): Promise<number> {
    const [, affected] = await dataSource.query(`DELETE FROM ${this.table} WHERE processed_at < $1`, [
      cutoff,
    ]);
    return Number(affected ?? 0);
  }
}
