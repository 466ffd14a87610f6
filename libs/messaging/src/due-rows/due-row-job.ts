import { EntityManager } from 'typeorm';
import type { LiteralSql } from '@envrefresh/persistence';
import { LeasedTable } from './leased-table';

/** When the worker asks for rows: at most `limit`, due at `now` (the business clock's time). */
export interface ClaimRequest {
  limit: number;
  now: Date;
}

/** What a batch handled in its transaction came to; the worker counts it and backs off on failures. */
export interface BatchOutcome {
  done: number;
  failed: number;
  /** Why the failed ones failed, for the log. */
  error?: string;
}

/**
 * Mode (a), work that is all inside our database: fire a job (mark it, write its outbox row),
 * publish outbox rows. The claim locks the rows (`FOR UPDATE SKIP LOCKED`) and they stay locked
 * until `handle`'s transaction ends, so no other worker sees them, and the mark and whatever the
 * handler wrote commit together or not at all. If `handle` throws, nothing of the batch commits.
 */
export interface InTransactionJob<TRow> {
  mode: 'transaction';
  /** A query in the transaction, or a statement that travels with its BEGIN (ClaimStatement). */
  claim: ((manager: EntityManager, request: ClaimRequest) => Promise<TRow[]>) | ClaimStatement<TRow>;
  handle(manager: EntityManager, rows: TRow[], batch: BatchTransaction): Promise<BatchOutcome>;
  /** When the row fell due, for the lag histogram. */
  dueAt?(row: TRow): Date | undefined;
  /** After the batch's transaction committed (e.g. to wake the outbox relay for what it wrote). */
  afterCommit?(rows: TRow[], outcome: BatchOutcome): void;
}

/**
 * A claim whose values can be written into its SQL (a limit, the table's name): sent with the
 * transaction's BEGIN, one round trip fewer per batch (runTransactionBegunWith).
 */
export interface ClaimStatement<TRow> {
  statement(request: ClaimRequest): LiteralSql;
  rows(opened: Record<string, unknown>[]): TRow[];
}

/** What `handle` may add to its batch's transaction. */
export interface BatchTransaction {
  /** A last write whose values can be written into its SQL, sent with the COMMIT. */
  closeWith(statement: LiteralSql): void;
}

export type Outcome<TResult> = { ok: true; value: TResult } | { ok: false; error: Error };

/**
 * What a row's run answers when its work was never started (the row before it in the same slot
 * failed, or its lease left too little time for another call): the worker releases its lease and
 * records nothing, so the row is due again exactly as it was.
 */
export class NotStarted extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotStarted';
  }
}

/** A leased row whose work has finished, and how. */
export interface SettledRow<TRow, TResult> {
  row: TRow;
  outcome: Outcome<TResult>;
}

/**
 * Mode (b), work that calls the outside world (a webhook, an e-mail): no transaction may stay open
 * across it. The claim commits a lease (`leased_until`, `lease_owner`); the work happens outside
 * any transaction; `settle` records outcomes in a transaction of their own, only for rows this
 * worker still owns. A worker that dies leaves its lease to run out, and another takes the row
 * over: the call may be made twice, so the outside world must dedupe (a webhook id).
 */
export interface LeasedJob<TRow, TResult = unknown> {
  mode: 'lease';
  table: LeasedTable;
  /** How long a claim is exclusive; longer than the slowest run (its timeout included). */
  leaseMs: number;
  /** From the claimed columns to the row the handler sees. */
  map(raw: Record<string, unknown>): TRow;
  /**
   * Rows that share a slot (one destination's deliveries, say) are worked by the job one after
   * another, so between them they take one of the worker's slots, and the claim's `$2`
   * (LeasedTable.candidates) counts slots, not rows. Without it each row is a slot of its own.
   */
  slotOf?(row: TRow): string;
  /**
   * Starts the work of rows just leased together: one promise per row, in their order. The rows
   * of one claim may share what they read (one query for all their subscriptions, say).
   * `leasedUntil` is when their leases run out (this process's clock, approximately): a job that
   * works a slot's rows one after another starts none it could not finish by then, and answers
   * NotStarted for it.
   */
  start(rows: TRow[], leasedUntil: number): Promise<TResult>[];
  /**
   * Makes rows no longer due (done, or due again later for a retry), in one transaction for the
   * outcomes that finished around the same time. The worker clears their leases before it, in
   * the statement that begins the transaction; a row left due and unleased is claimed again.
   * Writes that need nothing back may go with the COMMIT (`batch.closeWith`).
   */
  settle(
    manager: EntityManager,
    settled: SettledRow<TRow, TResult>[],
    batch: BatchTransaction,
  ): Promise<void>;
  dueAt?(row: TRow): Date | undefined;
}

export type DueRowJob<TRow, TResult = unknown> = InTransactionJob<TRow> | LeasedJob<TRow, TResult>;
