import { ScheduleJobView, ScheduleView } from '@envrefresh/contracts';
import { StoredJob, StoredSchedule } from './schedule.repository.port';

export function toScheduleJobView(job: StoredJob): ScheduleJobView {
  return {
    id: job.id,
    kind: job.kind,
    ...(job.leadTime === null ? {} : { leadTime: job.leadTime }),
    dueAt: job.dueAt.toISOString(),
    status: job.status,
    ...(job.firedAt === null ? {} : { firedAt: job.firedAt.toISOString() }),
  };
}

/** The schedule as `schedule.created`, `schedule.cancelled` and `GET /schedules/{intentId}` show it. */
export function toScheduleView(schedule: StoredSchedule): ScheduleView {
  return {
    intentId: schedule.intentId,
    environmentId: schedule.environmentId,
    status: schedule.status,
    plannedStart: schedule.plannedStart.toISOString(),
    plannedEnd: schedule.plannedEnd.toISOString(),
    jobs: schedule.jobs.map(toScheduleJobView),
  };
}
