import type { PoolClient, QueryResult } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { LiteralSql } from './literal-sql';

/** What a transaction begun with a statement gives its work. */
export interface BegunTransaction {
  manager: EntityManager;
  /** The rows the opening's last statement answered. */
  opened: Record<string, unknown>[];
  /**
   * A statement to send with the COMMIT, in the same round trip, after those given before it
   * (nothing reads their rows).
   */
  closeWith(statement: LiteralSql): void;
}

interface TransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

/**
 * Runs `work` in a transaction whose BEGIN travels with its first statement (`opening`), and whose
 * COMMIT may travel with its last (`closeWith`): two round trips fewer than `DataSource.transaction`,
 * whose BEGIN and COMMIT each wait for an answer. Every consumed event and every relay batch is a
 * short transaction, where those two are a third of the statements. The work's own queries go
 * through `manager` as usual, parameters and all; TypeORM sees a transaction it started.
 * A failure anywhere, the opening or the closing included, rolls everything back.
 */
export async function runTransactionBegunWith<T>(
  dataSource: DataSource,
  opening: LiteralSql,
  work: (transaction: BegunTransaction) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  // TypeORM's own record of a transaction in progress: its manager then runs inside it, and a
  // nested `transaction()` takes a savepoint instead of a second BEGIN.
  const state = runner as unknown as TransactionState;
  try {
    const client = (await runner.connect()) as PoolClient;
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    try {
      const results = (await client.query(`BEGIN; ${opening}`)) as unknown as QueryResult[];
      const closing: LiteralSql[] = [];
      const result = await work({
        manager: runner.manager,
        opened: results[results.length - 1].rows,
        closeWith: (statement) => closing.push(statement),
      });
      await client.query([...closing, 'COMMIT'].join('; '));
      return result;
    } catch (error) {
      // After a failed statement the transaction is aborted, not ended: it must be rolled back.
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
    }
  } finally {
    await runner.release();
  }
}
