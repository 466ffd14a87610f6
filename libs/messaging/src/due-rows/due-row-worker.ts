import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, SystemClock } from '@envrefresh/kernel';
import { runTransactionBegunWith } from '@envrefresh/persistence';
import {
  BatchOutcome,
  BatchTransaction,
  DueRowJob,
  InTransactionJob,
  LeasedJob,
  NotStarted,
  Outcome,
  SettledRow,
} from './due-row-job';
import { dueRowMetrics } from './due-row-metrics';
import { LeasedTableSql } from './leased-table';

export interface DueRowWorkerOptions {
  /** The service, and the use within it (`outbox`, `schedule-jobs`, `deliveries`): metric labels. */
  service: string;
  name: string;
  /**
   * Rows claimed per turn; in lease mode, the slots this worker has in hand at most (a slot is a
   * row, or the rows the job works one after another: LeasedJob.slotOf): each slot is claimed
   * into again as soon as its rows are settled.
   */
  batchSize: number;
  /** How long an idle worker sleeps when nothing nudges it (rows written by other processes). */
  pollIntervalMs: number;
  /** Longest pause after consecutive failures; the first is 200 ms, doubling. */
  maxBackoffMs: number;
  clock?: Clock;
}

/** Thrown by `runOnce` when some rows of a batch failed (what succeeded is committed). */
export class DueRowBatchError extends Error {}

interface Finished<TRow, TResult> extends SettledRow<TRow, TResult> {
  key: unknown;
  /** When this worker's lease of the row runs out, by this process's clock (approximately). */
  leasedUntil: number;
  /** Renewals stop after this moment (RENEW_FOR_AT_MOST_LEASES after the run finished). */
  renewUntil: number;
  recorded: (outcome: Outcome<TResult>) => void;
}

/**
 * An outcome whose recording failed is tried again while its lease has at least this long to run:
 * a row re-run after its lease ran out is a second call to the outside world (a webhook twice).
 */
const RECORD_RETRY_MARGIN_MS = 2_000;
const RECORD_RETRY_MAX_PAUSE_MS = 2_000;

/**
 * A recording's statements (check and release the leases, then the settle's: at least two) must end, done or cut, while its
 * rows' leases still run: a recording cut after its leases ran out frees rows whose calls were
 * made, and another replica makes them again. `lock_timeout` alone does not bound it, since a
 * settle may wait for several locks (fault run 2 of 2026-12-02: a settle waited 32 s for
 * delivery heads, one destination after another, behind a 25 s lease, and four webhooks went out
 * twice). So each statement gets `statement_timeout` of its share of the lease left, less the margin.
 */
const RECORDING_STATEMENTS = 3;
const RECORD_MIN_STATEMENT_MS = 100;

/**
 * While an outcome waits to be recorded (behind a slow settle, a full pool), its lease is renewed,
 * so another worker never claims a row whose call was already made: the fault harness saw
 * webhooks sent twice when settles took longer than the lease. Renewed at a third of the lease,
 * sooner when one runs short; for at most this many leases, so a settle that can never succeed
 * does not hold its row for ever.
 */
const RENEW_FOR_AT_MOST_LEASES = 10;
const RENEW_MIN_PAUSE_MS = 500;

/**
 * A recording starts with at least this share of a lease left on every row, renewing them first
 * when one has less. Rows whose call answered at once (a webhook's few milliseconds of a 25 s
 * lease) have nearly all of it, and a renewal of them is a statement per recording for nothing:
 * in bench:notifications that was a sixth of the service's statements.
 */
const RECORD_WITH_LEASE_LEFT_AT_LEAST = 0.9;

/**
 * Claims due rows of one table and runs a job on them, in one of two modes (see InTransactionJob
 * and LeasedJob). Any number of workers may run against one table, in one process or many: a
 * row is claimed by one of them at a time. In transaction mode a full batch is followed at once
 * by the next. In lease mode the worker keeps up to `batchSize` slots in hand and claims into a
 * slot as soon as its row is settled, so a hanging call holds one slot, never the others; outcomes
 * that finish together are settled in one transaction. An idle worker polls, and `nudge()` wakes
 * it early (after a commit that made a row due); failures of the database back off exponentially,
 * and a nudge does not cut a back-off short. `stop()` finishes the rows in hand and leaves the
 * rest for the next worker.
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
  /** Lease mode: runs in hand, from their claim until their outcome is recorded. */
  private readonly inHand = new Set<Promise<Outcome<TResult>>>();
  /** Lease mode: slots whose rows are not all recorded yet. */
  private busySlots = 0;
  private readonly finished: Finished<TRow, TResult>[] = [];
  /** Lease mode: outcomes known and not yet recorded, whose leases are renewed meanwhile. */
  private readonly unrecorded = new Set<Finished<TRow, TResult>>();
  private recording?: Promise<void>;
  private renewal?: NodeJS.Timeout;
  private renewing = false;
  private renewals: Promise<void> = Promise.resolve();

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
    this.loop = this.job.mode === 'lease' ? this.runLeased(this.job) : this.run();
  }

  nudge(): void {
    this.nudged = true;
    if (this.failures === 0) this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all(this.inHand);
    clearTimeout(this.renewal);
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
      const outcome = await this.claimedInTransaction(job, async (manager, rows, batch) => {
        claimedRows = rows;
        if (rows.length === 0) return { done: 0, failed: 0 };
        this.claimed(rows, job.dueAt);
        const outcome = await job.handle(manager, rows, batch);
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

  /** The claim and `work` in one transaction, begun with the claim when it is a statement. */
  private claimedInTransaction(
    job: InTransactionJob<TRow>,
    work: (manager: EntityManager, rows: TRow[], batch: BatchTransaction) => Promise<BatchOutcome>,
  ): Promise<BatchOutcome> {
    const request = { limit: this.options.batchSize, now: this.clock.now() };
    const { claim } = job;
    if (typeof claim !== 'function')
      return runTransactionBegunWith(this.dataSource, claim.statement(request), (transaction) =>
        work(transaction.manager, claim.rows(transaction.opened), transaction),
      );
    return this.dataSource.transaction(async (manager) => {
      const closing: string[] = [];
      const outcome = await work(manager, await claim(manager, request), {
        closeWith: (statement) => closing.push(statement),
      });
      for (const statement of closing) await manager.query(statement);
      return outcome;
    });
  }

  /** One turn in lease mode: claims a batch, and waits until every row of it is settled. */
  private async leased(job: LeasedJob<TRow, TResult>): Promise<BatchOutcome> {
    const outcomes = (await Promise.all((await this.claimInto(job, this.options.batchSize)).runs)).filter(
      (outcome) => !notStarted(outcome),
    );
    const failed = outcomes.filter((outcome) => !outcome.ok) as Array<{ ok: false; error: Error }>;
    return {
      done: outcomes.length - failed.length,
      failed: failed.length,
      error: failed[0]?.error.message,
    };
  }

  /**
   * Leases rows for up to `free` slots and starts their work; each promise answers once the row's
   * outcome is recorded (or could not be: then the lease runs out and the row is run again).
   */
  private async claimInto(
    job: LeasedJob<TRow, TResult>,
    free: number,
  ): Promise<{ runs: Promise<Outcome<TResult>>[]; slots: number }> {
    const leasing = this.leasing as LeasedTableSql;
    // One statement, atomic on its own: no BEGIN and COMMIT round trips around it.
    const raws = await leasing.lease(this.dataSource.manager, this.owner, {
      limit: free,
      now: this.clock.now(),
      leaseMs: job.leaseMs,
    });
    if (raws.length === 0) return { runs: [], slots: 0 };
    const rows = raws.map((raw) => ({ key: leasing.keyOf(raw), row: job.map(raw) }));
    this.claimed(
      rows.map(({ row }) => row),
      job.dueAt,
    );
    const leasedUntil = Date.now() + job.leaseMs;
    let runs: Promise<TResult>[];
    try {
      runs = job.start(
        rows.map(({ row }) => row),
        leasedUntil,
      );
    } catch (error) {
      runs = rows.map(() => Promise.reject(error));
    }
    const handles = rows.map(({ key, row }, index) => {
      const handled = this.settled(job, key, row, runs[index], leasedUntil);
      this.inHand.add(handled);
      void handled.finally(() => this.inHand.delete(handled));
      return handled;
    });
    const slots = new Map<unknown, Promise<unknown>[]>();
    rows.forEach(({ key, row }, index) => {
      const slot = job.slotOf ? job.slotOf(row) : key;
      slots.set(slot, [...(slots.get(slot) ?? []), handles[index]]);
    });
    this.busySlots += slots.size;
    for (const slot of slots.values())
      void Promise.all(slot).finally(() => {
        this.busySlots -= 1;
        // A free slot, and a settled row may let another be claimed (the next of its destination, say).
        this.nudge();
      });
    return { runs: handles, slots: slots.size };
  }

  private async settled(
    job: LeasedJob<TRow, TResult>,
    key: unknown,
    row: TRow,
    run: Promise<TResult>,
    leasedUntil: number,
  ): Promise<Outcome<TResult>> {
    let outcome: Outcome<TResult>;
    try {
      outcome = { ok: true, value: await run };
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
    const recorded = await new Promise<Outcome<TResult>>((resolve) => {
      const finished: Finished<TRow, TResult> = {
        key,
        row,
        outcome,
        leasedUntil,
        renewUntil: Date.now() + RENEW_FOR_AT_MOST_LEASES * job.leaseMs,
        recorded: (result) => {
          this.unrecorded.delete(finished);
          resolve(result);
        },
      };
      this.unrecorded.add(finished);
      this.scheduleRenewal(job);
      this.finished.push(finished);
      this.recordFinished(job);
    });
    if (!notStarted(recorded)) (recorded.ok ? dueRowMetrics.done : dueRowMetrics.failed).inc(this.labels);
    return recorded;
  }

  /**
   * Renews, before they run out, the leases of outcomes still waiting to be recorded: at a third
   * of the lease, or sooner when one would run out first. Stops when none is waiting.
   */
  private scheduleRenewal(job: LeasedJob<TRow, TResult>): void {
    if (this.renewing) return;
    clearTimeout(this.renewal);
    this.renewal = undefined;
    if (this.unrecorded.size === 0) return;
    const now = Date.now();
    const soonest = Math.min(...[...this.unrecorded].map((finished) => finished.leasedUntil));
    const pause = Math.max(RENEW_MIN_PAUSE_MS, Math.min(job.leaseMs / 3, (soonest - now) / 2));
    this.renewal = setTimeout(() => void this.renewLeases(job), pause);
    this.renewal.unref();
  }

  private async renewLeases(job: LeasedJob<TRow, TResult>): Promise<void> {
    this.renewal = undefined;
    if (this.unrecorded.size === 0) return;
    this.renewing = true;
    try {
      await this.renew(job, [...this.unrecorded]);
    } finally {
      this.renewing = false;
      this.scheduleRenewal(job);
    }
  }

  /**
   * Extends these rows' leases now, in a statement of its own that never waits for a row lock.
   * Rows locked at the moment (by a recording of ours in progress) keep the lease they have.
   */
  private renew(job: LeasedJob<TRow, TResult>, rows: Finished<TRow, TResult>[]): Promise<void> {
    // One renewal at a time: two at once would each skip the row the other has locked, and the
    // one whose answer is read next (to decide on a retry) would think its lease not renewed.
    const renewal = this.renewals.then(() => this.renewNow(job, rows));
    this.renewals = renewal;
    return renewal;
  }

  private async renewNow(job: LeasedJob<TRow, TResult>, rows: Finished<TRow, TResult>[]): Promise<void> {
    const now = Date.now();
    const batch = rows.filter((finished) => finished.renewUntil > now);
    if (batch.length === 0) return;
    try {
      const renewedFrom = Date.now();
      // One statement, atomic on its own: no BEGIN and COMMIT round trips around it.
      const renewed = await (this.leasing as LeasedTableSql).renew(
        this.dataSource.manager,
        this.owner,
        batch.map(({ key }) => key),
        job.leaseMs,
      );
      for (const finished of batch)
        if (renewed.has(finished.key)) finished.leasedUntil = renewedFrom + job.leaseMs;
      dueRowMetrics.renewed.inc(this.labels, renewed.size);
    } catch (error) {
      this.logger.warn(
        `renewing ${batch.length} lease(s) whose outcome waits to be recorded failed: ${(error as Error).message}`,
      );
    }
  }

  /**
   * Records every finished outcome in one transaction, and again for those that finish meanwhile.
   * The first waits for the turn of the event loop to end, so that outcomes known together (a
   * slot's rows, answers read from the sockets in one poll) are recorded together.
   */
  private recordFinished(job: LeasedJob<TRow, TResult>): void {
    if (this.recording) return;
    this.recording = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      while (this.finished.length > 0) await this.record(job, this.finished.splice(0));
      this.recording = undefined;
    })();
  }

  private async record(job: LeasedJob<TRow, TResult>, batch: Finished<TRow, TResult>[]): Promise<void> {
    const leasing = this.leasing as LeasedTableSql;
    // Nearly a whole lease for the recording (renewed first unless the rows still have it): while
    // it holds the rows locked they are not renewed, and should it fail (a lock wait cut by
    // lock_timeout) they must not come out of it expired, free for another worker to run again
    // (the fault harness saw exactly that, under load).
    if (!haveLeaseLeft(batch, RECORD_WITH_LEASE_LEFT_AT_LEAST * job.leaseMs)) await this.renew(job, batch);
    let held: Set<unknown>;
    try {
      // The statements' budget, the check and the release travel with the BEGIN.
      const opening = `SET LOCAL statement_timeout = ${recordingStatementBudgetMs(batch)}; ${leasing.releaseHeldStatement(
        this.owner,
        batch.map(({ key }) => key),
      )}`;
      held = await runTransactionBegunWith(this.dataSource, opening, async (transaction) => {
        const stillOurs = new Set(transaction.opened.map((row) => row.key));
        // Rows whose work never started are only released: they stay due as they were.
        const ours = batch.filter(({ key, outcome }) => stillOurs.has(key) && !notStarted(outcome));
        if (ours.length > 0) await job.settle(transaction.manager, ours, transaction);
        return stillOurs;
      });
    } catch (error) {
      this.failures += 1;
      await this.renew(job, batch);
      // Tried again while the leases last (a lock wait, a pool briefly full); past that, or once
      // stopping, the leases will run out and the rows be run again: at least once.
      const now = Date.now();
      const again = this.running
        ? batch.filter((finished) => finished.leasedUntil - now > RECORD_RETRY_MARGIN_MS)
        : [];
      for (const finished of batch)
        if (!again.includes(finished)) finished.recorded({ ok: false, error: error as Error });
      if (again.length > 0) {
        this.logger.warn(
          `recording ${again.length} outcome(s) failed, trying again: ${(error as Error).message}`,
        );
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(RECORD_RETRY_MAX_PAUSE_MS, 100 * 2 ** Math.min(this.failures, 10))),
        );
        this.finished.push(...again);
      }
      return;
    }
    for (const finished of batch) {
      if (!held.has(finished.key)) {
        // Another worker took the row over after our lease ran out; its outcome is the one kept.
        dueRowMetrics.lost.inc(this.labels);
        this.logger.warn(
          `lease on ${String(finished.key)} ran out before its outcome was recorded; left to its new owner`,
        );
      }
      finished.recorded(finished.outcome);
    }
  }

  /**
   * Lease mode's loop: claims into free slots whenever there are some, sleeps when nothing was due
   * (a nudge, a poll or a settled row wakes it), and backs off while the database fails.
   */
  private async runLeased(job: LeasedJob<TRow, TResult>): Promise<void> {
    while (this.running) {
      const free = this.options.batchSize - this.busySlots;
      if (free <= 0) {
        await this.sleep(this.options.pollIntervalMs);
        continue;
      }
      const failuresBefore = this.failures;
      let problem = 'could not record outcomes';
      try {
        this.nudged = false;
        const { slots: claimed } = await this.claimInto(job, free);
        // Outcomes recorded meanwhile without a failure: the database is answering again.
        if (this.failures === failuresBefore) this.failures = 0;
        if (this.failures === 0) {
          if (claimed === free || this.nudged) continue;
          await this.sleep(this.options.pollIntervalMs);
          continue;
        }
      } catch (error) {
        this.failures += 1;
        problem = (error as Error).message;
      }
      await this.backOff(problem);
    }
  }

  private async backOff(reason: string): Promise<void> {
    const pause = Math.min(this.options.maxBackoffMs, 100 * 2 ** Math.min(this.failures, 10));
    this.logger.warn(`${this.options.name} will retry in ${pause} ms: ${reason}`);
    await this.sleep(pause);
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
        await this.backOff((error as Error).message);
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

function notStarted(outcome: Outcome<unknown>): boolean {
  return !outcome.ok && outcome.error instanceof NotStarted;
}

function haveLeaseLeft(batch: { leasedUntil: number }[], ms: number): boolean {
  const now = Date.now();
  return batch.every((finished) => finished.leasedUntil - now >= ms);
}

/** Each statement's share of the soonest lease left in a recording, less the retry margin. */
function recordingStatementBudgetMs(batch: { leasedUntil: number }[]): number {
  const soonest = Math.min(...batch.map((finished) => finished.leasedUntil));
  return Math.max(
    RECORD_MIN_STATEMENT_MS,
    Math.floor((soonest - Date.now() - RECORD_RETRY_MARGIN_MS) / RECORDING_STATEMENTS),
  );
}
