import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DueRowWorker, LeasedJob, LeasedTable } from '@envrefresh/messaging';
import { Clock } from '@envrefresh/kernel';
import { AttemptDeliveryService } from '../application/attempt-delivery.service';
import { DELIVERY_REPOSITORY, DeliveryRepository } from '../application/delivery.repository.port';
import { registerOldestPending } from '../application/delivery-metrics';
import { DeliveryNudge } from '../application/delivery-nudge.port';
import { DELIVERY_SETTINGS, DeliverySettings } from '../application/notifications.settings';
import { AttemptRecord, DeliveryRecord } from '../domain/delivery';

/**
 * Open deliveries whose destination has no attempt in flight, from the earliest due of each
 * destination on: one destination has at most one call open at a time, so a slow or hanging one
 * holds one worker slot until its timeout, never the others' deliveries. Each destination's
 * earliest open delivery is its head (`delivery_heads`, kept by triggers: migration
 * 1765000000400), so the claim reads heads in due order, skips those in flight, and leases each
 * head with up to `runLength` of the deliveries due after it, which its slot sends in that order;
 * `pending` says the same of one row, for anyone reading the table.
 */
function deliveriesTable(runLength: number): LeasedTable {
  return {
    schema: 'notifications',
    table: 'deliveries',
    pending: OPEN,
    candidates: `SELECT run.id FROM (
        SELECT h.destination FROM notifications.delivery_heads h
          JOIN notifications.deliveries d ON d.id = h.delivery_id
         WHERE h.delivery_id IS NOT NULL AND h.due_at <= $1
           AND (d.leased_until IS NULL OR d.leased_until < clock_timestamp())
         ORDER BY h.due_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED) head
      CROSS JOIN LATERAL (
        SELECT r.id FROM notifications.deliveries r
         WHERE r.destination = head.destination AND r.${OPEN} AND r.due_at <= $1
           AND (r.leased_until IS NULL OR r.leased_until < clock_timestamp())
         ORDER BY r.due_at, r.id LIMIT ${Math.trunc(runLength)} FOR UPDATE SKIP LOCKED) run`,
    columns: [
      'event_id',
      'event_type',
      'environment_id',
      'subscription_id',
      'destination',
      'channel',
      'target',
      'reasons',
      'status',
      'attempts',
      'schedule_step',
      'due_at',
    ],
  };
}

const OPEN = `status IN ('PENDING', 'RETRYING')`;

/**
 * Time left on a lease, beyond a call's own timeout, for its outcome to be recorded: a run starts
 * no call that could end later than this before its rows' leases run out.
 */
const RUN_LEASE_MARGIN_MS = 5_000;

/**
 * The workers that send deliveries (ADR 0015, mode lease). Several run at once, each its own
 * slots: the overall bound on calls in flight is workers × batch size, and a worker held by a
 * hanging call leaves the others to go on. A lease outlasts the channels' timeout, so a worker
 * that dies mid-call leaves its rows to be taken over when the lease runs out.
 */
@Injectable()
export class DeliveryWorkerPool implements DeliveryNudge, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorkerPool.name);
  private readonly workers: DueRowWorker<DeliveryRecord, AttemptRecord>[];
  private unregister?: () => void;
  /** Once shutting down, a run starts no further call: its rows are released for another replica. */
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly attempts: AttemptDeliveryService,
    @Inject(DELIVERY_REPOSITORY) private readonly deliveries: DeliveryRepository,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    private readonly clock: Clock,
  ) {
    const job: LeasedJob<DeliveryRecord, AttemptRecord> = {
      mode: 'lease',
      table: deliveriesTable(settings.runLength),
      leaseMs: settings.sendTimeoutMs + 15_000,
      map: toRecord,
      slotOf: (row) => row.destination,
      start: (rows, leasedUntil) =>
        this.attempts.attemptAll(
          rows,
          () => !this.stopping && Date.now() + settings.sendTimeoutMs + RUN_LEASE_MARGIN_MS <= leasedUntil,
        ),
      settle: (manager, settled, batch) =>
        this.attempts.settleAll(
          manager,
          settled.map(({ row, outcome }) => ({
            delivery: row,
            attempt: outcome.ok ? outcome.value : this.attempts.failedAttempt(outcome.error),
          })),
          batch,
        ),
      dueAt: (row) => row.dueAt,
    };
    this.workers = Array.from(
      { length: settings.workers },
      () =>
        new DueRowWorker(dataSource, job, {
          service: 'notifications',
          name: 'deliveries',
          batchSize: settings.batchSize,
          pollIntervalMs: settings.pollIntervalMs,
          maxBackoffMs: 5_000,
          clock,
        }),
    );
  }

  onApplicationBootstrap(): void {
    for (const worker of this.workers) worker.start();
    this.unregister = registerOldestPending(() =>
      this.deliveries.oldestPendingSeconds(this.dataSource.manager, this.clock.now()),
    );
    this.logger.log(`${this.workers.length} delivery workers started`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.unregister?.();
    await Promise.all(this.workers.map((worker) => worker.stop()));
  }

  nudge(): void {
    for (const worker of this.workers) worker.nudge();
  }
}

function toRecord(raw: Record<string, unknown>): DeliveryRecord {
  return {
    id: raw.id as string,
    eventId: raw.event_id as string,
    eventType: raw.event_type as string,
    environmentId: (raw.environment_id as string | null) ?? null,
    subscriptionId: (raw.subscription_id as string | null) ?? null,
    destination: raw.destination as string,
    channel: raw.channel as DeliveryRecord['channel'],
    target: raw.target as string,
    reasons: raw.reasons as string[],
    status: raw.status as DeliveryRecord['status'],
    attempts: Number(raw.attempts),
    scheduleStep: Number(raw.schedule_step),
    dueAt: new Date(raw.due_at as string),
  };
}
