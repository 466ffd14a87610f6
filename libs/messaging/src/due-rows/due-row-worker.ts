import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, SystemClock } from '@envrefresh/kernel';
import { BatchOutcome, DueRowJob, InTransactionJob, LeasedJob, Outcome } from './due-row-job';
import { dueRowMetrics } from './due-row-metrics';
import { LeasedTableSql } from './leased-table';

export interface DueRowWorkerOptions {
  /** The service, and the use within it (`outbox`, `schedule-jobs`, `deliveries`): metric labels. */
  service: string;
  name: string;
  /** Rows claimed per turn. */
  batchSize: number;
  /** How long an idle worker sleeps when nothing nudges it (rows written by other processes). */
  pollIntervalMs: number;
  /** Longest pause after consecutive failures; the first is 200 ms, doubling. */
  maxBackoffMs: number;
  clock?: Clock;
}

/** Thrown by `runOnce` when some rows of a batch failed (what succeeded is committed). */
export class DueRowBatchError extends Error {}

/**
 * Claims due rows of one table and runs a job on them, in one of two modes (see InTransactionJob
 * and LeasedJob). Any number of workers may run against one table, in one process or many: a
 * row is claimed by one of them at a time. A full batch is followed at once by the next; an idle
 * worker polls, and `nudge()` wakes it early (after a commit that made a row due); failures back
 * off exponentially, and a nudge does not cut a back-off short. `stop()` finishes the batch in
 * hand and leaves the rest for the next worker.
 */
export class DueRowWorker<TRow, TResult = unknown> {
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly labels: { service: string; worker: string };
  /** Who holds a lease: unique per worker, readable by an operator looking at the table. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly leasing?: LeasedTableSql;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private nudged = false;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly job: DueRowJob<TRow, TResult>,
    private readonly options: DueRowWorkerOptions,
  ) {
    this.logger = new Logger(`DueRowWorker:${options.name}`);
    this.clock = options.clock ?? new SystemClock();
    this.labels = { service: options.service, worker: options.name };
    if (job.mode === 'lease') this.leasing = new LeasedTableSql(job.table);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  nudge(): void {
    this.nudged = true;
    if (this.failures === 0) this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One turn: claims and handles one batch; returns how many rows it claimed. For tests and benchmarks. */
  async runOnce(): Promise<number> {
    const outcome =
      this.job.mode === 'transaction' ? await this.inTransaction(this.job) : await this.leased(this.job);
    if (outcome.failed > 0)
      throw new DueRowBatchError(
        `${outcome.failed} of ${outcome.done + outcome.failed} rows failed: ${outcome.error ?? 'no reason given'}`,
      );
    return outcome.done;
  }

  private async inTransaction(job: InTransactionJob<TRow>): Promise<BatchOutcome> {
    let claimedRows: TRow[] = [];
    try {
      const outcome = await this.dataSource.transaction(async (manager) => {
        const rows = await job.claim(manager, { limit: this.options.batchSize, now: this.clock.now() });
        claimedRows = rows;
        if (rows.length === 0) return { done: 0, failed: 0 };
        this.claimed(rows, job.dueAt);
        const outcome = await job.handle(manager, rows);
        dueRowMetrics.done.inc(this.labels, outcome.done);
        dueRowMetrics.failed.inc(this.labels, outcome.failed);
        return outcome;
      });
      if (claimedRows.length > 0) job.afterCommit?.(claimedRows, outcome);
      return outcome;
    } catch (error) {
      // Nothing of the batch committed: every claimed row is due again.
      dueRowMetrics.failed.inc(this.labels, claimedRows.length);
      throw error;
    }
  }

  private async leased(job: LeasedJob<TRow, TResult>): Promise<BatchOutcome> {
    const leasing = this.leasing as LeasedTableSql;
    const raws = await this.dataSource.transaction((manager) =>
      leasing.lease(manager, this.owner, {
        limit: this.options.batchSize,
        now: this.clock.now(),
        leaseMs: job.leaseMs,
      }),
    );
    if (raws.length === 0) return { done: 0, failed: 0 };
    const rows = raws.map((raw) => ({ key: leasing.keyOf(raw), row: job.map(raw) }));
    this.claimed(
      rows.map(({ row }) => row),
      job.dueAt,
    );
    const outcomes = await Promise.all(rows.map(({ key, row }) => this.runLeased(job, leasing, key, row)));
    const failed = outcomes.filter((outcome) => !outcome.ok) as Array<{ ok: false; error: Error }>;
    return {
      done: outcomes.length - failed.length,
      failed: failed.length,
      error: failed[0]?.error.message,
    };
  }

  private async runLeased(
    job: LeasedJob<TRow, TResult>,
    leasing: LeasedTableSql,
    key: unknown,
    row: TRow,
  ): Promise<Outcome<TResult>> {
    let outcome: Outcome<TResult>;
    try {
      outcome = { ok: true, value: await job.run(row) };
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
    try {
      const recorded = await this.dataSource.transaction(async (manager) => {
        if (!(await leasing.holds(manager, this.owner, key))) return false;
        await job.settle(manager, row, outcome);
        await leasing.release(manager, key);
        return true;
      });
      if (!recorded) {
        // Another worker took the row over after our lease ran out; its outcome is the one kept.
        dueRowMetrics.lost.inc(this.labels);
        this.logger.warn(
          `lease on ${String(key)} ran out before its outcome was recorded; left to its new owner`,
        );
      }
    } catch (error) {
      // The lease will run out and the row be run again: at least once.
      outcome = { ok: false, error: error as Error };
    }
    (outcome.ok ? dueRowMetrics.done : dueRowMetrics.failed).inc(this.labels);
    return outcome;
  }

  private claimed(rows: TRow[], dueAt?: (row: TRow) => Date | undefined): void {
    dueRowMetrics.claimed.inc(this.labels, rows.length);
    if (!dueAt) return;
    const now = this.clock.now().getTime();
    for (const row of rows) {
      const due = dueAt(row);
      if (due) dueRowMetrics.lagSeconds.observe(this.labels, Math.max(0, now - due.getTime()) / 1000);
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        this.nudged = false;
        const handled = await this.runOnce();
        this.failures = 0;
        if (handled === this.options.batchSize || this.nudged) continue;
        await this.sleep(this.options.pollIntervalMs);
      } catch (error) {
        this.failures += 1;
        const pause = Math.min(this.options.maxBackoffMs, 100 * 2 ** Math.min(this.failures, 10));
        this.logger.warn(`${this.options.name} will retry in ${pause} ms: ${(error as Error).message}`);
        await this.sleep(pause);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.wake = done;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    }).then(() => {
      this.wake = undefined;
    });
  }
}
