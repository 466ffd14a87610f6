import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DueRowWorker, InTransactionJob, JoinedTransaction, UnitOfWork } from '@envrefresh/messaging';
import { Clock } from '@envrefresh/kernel';
import { table } from '../../shared/infrastructure/intents-schema';
import { ExpireIntentsUseCase } from '../application/expire-intents.use-case';
import { EXPIRING_STATUSES } from '../domain/refresh-intent';

interface OverdueIntent {
  id: string;
  dueAt: Date;
}

/** How often an idle replica looks for intents whose window began unapproved. */
const POLL_INTERVAL_MS = 1_000;
const BATCH_SIZE = 50;

/**
 * The timer of expiry (ADR 0019): intents owns it, on the due-row worker (ADR 0015), because the
 * intent's state is its own: the claim locks the overdue rows (`FOR UPDATE SKIP LOCKED`), so each
 * replica expires different intents, and the cancellation and its event commit together.
 */
@Injectable()
export class IntentExpiryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly worker: DueRowWorker<OverdueIntent>;
  private batch?: JoinedTransaction;

  constructor(dataSource: DataSource, unitOfWork: UnitOfWork, expire: ExpireIntentsUseCase, clock: Clock) {
    const job: InTransactionJob<OverdueIntent> = {
      mode: 'transaction',
      claim: async (manager, { limit, now }) => {
        const rows: Array<{ id: string; planned_start: Date }> = await manager.query(
          `SELECT id, planned_start FROM ${table('refresh_intents')}
            WHERE status = ANY($1::text[]) AND planned_start <= $2
            ORDER BY planned_start, id LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [EXPIRING_STATUSES, now.toISOString(), limit],
        );
        return rows.map((row) => ({ id: row.id, dueAt: row.planned_start }));
      },
      handle: async (manager, rows) => {
        this.batch = unitOfWork.join(manager);
        await expire.execute(
          this.batch.context,
          rows.map((row) => row.id),
        );
        return { done: rows.length, failed: 0 };
      },
      afterCommit: () => this.batch?.committed(),
      dueAt: (row) => row.dueAt,
    };
    this.worker = new DueRowWorker(dataSource, job, {
      service: 'intents',
      name: 'intent-expiry',
      batchSize: BATCH_SIZE,
      pollIntervalMs: POLL_INTERVAL_MS,
      maxBackoffMs: 10_000,
      clock,
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }
}
