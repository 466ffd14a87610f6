import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  EventDefinition,
  IntentView,
  ScheduleJobFired,
  scheduleOverrunEvent,
  scheduleReminderDueEvent,
  scheduleStartDueEvent,
  scheduleStartMissedEvent,
} from '@envrefresh/contracts';
import { EventFactory, TransactionContext } from '@envrefresh/messaging';
import { Clock } from '@envrefresh/kernel';
import { FiringDecision, decideFiring, lateBySeconds } from '../domain/job-firing';
import { ClaimedJob, JobOutcome, SCHEDULE_REPOSITORY, ScheduleRepository } from './schedule.repository.port';
import { toScheduleJobView } from './schedule-view.mapper';
import { SCHEDULING_PROJECTIONS, SchedulingProjections } from './scheduling-projections.port';

type FiredType = Extract<FiringDecision, { fire: string }>['fire'];

const EVENTS: Record<FiredType, EventDefinition<string, ScheduleJobFired>> = {
  'schedule.reminder_due': scheduleReminderDueEvent as EventDefinition<string, ScheduleJobFired>,
  'schedule.start_due': scheduleStartDueEvent as EventDefinition<string, ScheduleJobFired>,
  'schedule.overrun': scheduleOverrunEvent as EventDefinition<string, ScheduleJobFired>,
  'schedule.start_missed': scheduleStartMissedEvent as EventDefinition<string, ScheduleJobFired>,
};

/** A job that fired, for the firing-lag histogram. */
export interface FiredJob {
  kind: string;
  dueAt: Date;
  firedAt: Date;
}

/**
 * Fires due jobs the worker holds locked, in due order: each becomes FIRED (with `firedAt`) and
 * its `schedule.*` event goes to the outbox, or SKIPPED, in the worker's transaction, so a job
 * fires once however many replicas claim and whatever restarts (ADR 0015).
 */
@Injectable()
export class FireJobsUseCase {
  private readonly logger = new Logger(FireJobsUseCase.name);

  constructor(
    @Inject(SCHEDULE_REPOSITORY) private readonly schedules: ScheduleRepository,
    @Inject(SCHEDULING_PROJECTIONS) private readonly projections: SchedulingProjections,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async execute(transaction: TransactionContext, jobs: readonly ClaimedJob[]): Promise<FiredJob[]> {
    const intents = await this.projections.intents(transaction.manager, [
      ...new Set(jobs.map((job) => job.intentId)),
    ]);
    const outcomes: JobOutcome[] = [];
    const fired: FiredJob[] = [];
    for (const job of jobs) {
      const intent = intents.get(job.intentId);
      if (!intent) {
        // Schedules are made from the stored intent, so this is a row written by hand or lost:
        // a job without its intent could only publish an event that lies about it.
        this.logger.error(`${job.kind} job ${job.id}: intent ${job.intentId} is not known here; skipped`);
        outcomes.push({ id: job.id, status: 'SKIPPED', firedAt: null });
        continue;
      }
      const now = this.clock.now();
      const decision = decideFiring(
        job,
        { intentStatus: intent.status, plannedStart: job.plannedStart },
        now,
      );
      if ('skip' in decision) {
        this.logger.log(`${job.kind} job ${job.id} of intent ${job.intentId} skipped: ${decision.skip}`);
        outcomes.push({ id: job.id, status: 'SKIPPED', firedAt: null });
        continue;
      }
      outcomes.push({ id: job.id, status: 'FIRED', firedAt: now });
      fired.push({ kind: job.kind, dueAt: job.dueAt, firedAt: now });
      const definition = EVENTS[decision.fire];
      await transaction.publish(this.events.create(definition, this.eventData(job, intent, now)));
    }
    await this.schedules.recordOutcomes(transaction.manager, outcomes);
    return fired;
  }

  private eventData(job: ClaimedJob, intent: IntentView, firedAt: Date): ScheduleJobFired {
    const base = {
      intentId: intent.id,
      environmentId: intent.environmentId,
      jobId: job.id,
      dueAt: job.dueAt.toISOString(),
      firedAt: firedAt.toISOString(),
      lateBySeconds: lateBySeconds(job.dueAt, firedAt),
      plannedStart: job.plannedStart.toISOString(),
      plannedEnd: job.plannedEnd.toISOString(),
      intent,
      job: toScheduleJobView({ ...job, status: 'FIRED', firedAt }),
    };
    if (job.kind === 'REMINDER') return { ...base, kind: 'REMINDER', leadTime: job.leadTime as string };
    if (job.kind === 'START') return { ...base, kind: 'START' };
    return { ...base, kind: 'OVERRUN', grace: job.overrunGrace };
  }
}
