import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { IntentView, scheduleCancelledEvent, scheduleCreatedEvent } from '@envrefresh/contracts';
import { EventFactory, TransactionContext } from '@envrefresh/messaging';
import { Clock } from '@envrefresh/kernel';
import { planJobs } from '../domain/job-planning';
import { reactionTo } from '../domain/schedule-reaction';
import { EnvironmentCatchUpService } from './environment-catch-up.service';
import { SCHEDULE_REPOSITORY, ScheduleRepository, StoredSchedule } from './schedule.repository.port';
import { toScheduleView } from './schedule-view.mapper';
import { SCHEDULING_PROJECTIONS, SchedulingProjections } from './scheduling-projections.port';

/**
 * Every `intent.*` event (and every owner answer about an intent) comes through here: the intent
 * is stored if newer, and its schedule follows its state (schedule-reaction). The schedule's rows
 * and its `schedule.created` / `schedule.cancelled` commit in the caller's transaction, with the
 * intent row that caused them: the upsert locks that row, so two events of one intent queue up.
 */
@Injectable()
export class IntentChangedUseCase {
  private readonly logger = new Logger(IntentChangedUseCase.name);

  constructor(
    @Inject(SCHEDULING_PROJECTIONS) private readonly projections: SchedulingProjections,
    @Inject(SCHEDULE_REPOSITORY) private readonly schedules: ScheduleRepository,
    private readonly environments: EnvironmentCatchUpService,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  async execute(transaction: TransactionContext, intent: IntentView): Promise<void> {
    const { manager } = transaction;
    if (!(await this.projections.saveIntent(manager, intent))) return;
    const active = await this.schedules.activeFor(manager, intent.id);
    const window = { plannedStart: new Date(intent.plannedStart), plannedEnd: new Date(intent.plannedEnd) };
    const reaction = reactionTo({ ...window, status: intent.status }, active);
    if (reaction === 'none') return;
    if (active && (reaction === 'cancel' || reaction === 'replace')) {
      const cancelled = await this.schedules.close(manager, active, 'CANCELLED');
      await transaction.publish(this.events.create(scheduleCancelledEvent, toScheduleView(cancelled)));
    }
    if (active && reaction === 'finish') await this.schedules.close(manager, active, 'DONE');
    if (reaction === 'create' || reaction === 'replace') await this.create(transaction, intent, window);
  }

  private async create(
    transaction: TransactionContext,
    intent: IntentView,
    window: { plannedStart: Date; plannedEnd: Date },
  ): Promise<void> {
    let timings = await this.projections.environment(transaction.manager, intent.environmentId);
    if (!timings) {
      await this.environments.known(intent.environmentId);
      timings = await this.projections.environment(transaction.manager, intent.environmentId);
    }
    if (!timings) {
      // The owner of the catalog does not know it either: nothing to time the jobs by.
      this.logger.error(`intent ${intent.id} is on unknown environment ${intent.environmentId}: no schedule`);
      return;
    }
    const schedule: StoredSchedule = {
      id: randomUUID(),
      intentId: intent.id,
      environmentId: intent.environmentId,
      status: 'ACTIVE',
      ...window,
      overrunGrace: timings.overrunGrace,
      jobs: planJobs(window, timings, this.clock.now()).map((job) => ({
        id: randomUUID(),
        kind: job.kind,
        leadTime: job.leadTime ?? null,
        dueAt: job.dueAt,
        status: job.status,
        firedAt: null,
      })),
    };
    await this.schedules.insert(transaction.manager, schedule);
    await transaction.publish(this.events.create(scheduleCreatedEvent, toScheduleView(schedule)));
  }
}
