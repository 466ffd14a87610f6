import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DueRowWorker, InTransactionJob, JoinedTransaction, UnitOfWork } from '@envrefresh/messaging';
import { Clock } from '@envrefresh/kernel';
import { FireJobsUseCase } from '../application/fire-jobs.use-case';
import { ClaimedJob, SCHEDULE_REPOSITORY, ScheduleRepository } from '../application/schedule.repository.port';
import { SCHEDULING_CONFIG, SchedulingConfig } from '../../scheduling.config';
import { LATE_AFTER_SECONDS, firingLagSeconds, registerJobBacklog } from './schedule-job.metrics';
import { table } from './scheduling-schema';

/**
 * Fires due jobs on the due-row worker (ADR 0015, mode `transaction`): the claim locks pending
 * jobs `FOR UPDATE SKIP LOCKED`, earliest first, and the marks and `schedule.*` events commit
 * with them. Any number of replicas run one each; a job is held by one at a time.
 */
@Injectable()
export class ScheduleJobsWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly worker: DueRowWorker<ClaimedJob>;
  private batch?: { joined: JoinedTransaction; fired: Array<{ kind: string; lagSeconds: number }> };
  private unregister?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    unitOfWork: UnitOfWork,
    fire: FireJobsUseCase,
    @Inject(SCHEDULE_REPOSITORY) schedules: ScheduleRepository,
    @Inject(SCHEDULING_CONFIG) config: SchedulingConfig,
    private readonly clock: Clock,
  ) {
    const job: InTransactionJob<ClaimedJob> = {
      mode: 'transaction',
      claim: (manager, { now, limit }) => schedules.claimDue(manager, now, limit),
      handle: async (manager, jobs) => {
        const joined = unitOfWork.join(manager);
        const fired = await fire.execute(joined.context, jobs);
        this.batch = {
          joined,
          fired: fired.map((one) => ({
            kind: one.kind,
            lagSeconds: (one.firedAt.getTime() - one.dueAt.getTime()) / 1000,
          })),
        };
        return { done: jobs.length, failed: 0 };
      },
      afterCommit: () => {
        const batch = this.batch;
        this.batch = undefined;
        if (!batch) return;
        batch.joined.committed();
        for (const { kind, lagSeconds } of batch.fired)
          firingLagSeconds.observe({ kind }, Math.max(0, lagSeconds));
      },
      dueAt: (claimed) => claimed.dueAt,
    };
    this.worker = new DueRowWorker(dataSource, job, {
      service: 'scheduling',
      name: 'schedule-jobs',
      batchSize: config.jobBatchSize,
      pollIntervalMs: config.jobPollIntervalMs,
      maxBackoffMs: 10_000,
      clock,
    });
  }

  onApplicationBootstrap(): void {
    this.unregister = registerJobBacklog(() => this.backlog());
    this.worker.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unregister?.();
    await this.worker.stop();
  }

  private async backlog(): Promise<{ pending: number; due: number; late: number }> {
    const now = this.clock.now();
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending,
              count(*) FILTER (WHERE due_at <= $1)::int AS due,
              count(*) FILTER (WHERE due_at <= $2)::int AS late
         FROM ${table('jobs')} WHERE status = 'PENDING'`,
      [now.toISOString(), new Date(now.getTime() - LATE_AFTER_SECONDS * 1000).toISOString()],
    );
    return row;
  }
}
