import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ScheduleJobKind, ScheduleJobStatus, ScheduleStatus } from '@envrefresh/contracts';
import {
  ClaimedJob,
  JobOutcome,
  ScheduleRepository,
  StoredJob,
  StoredSchedule,
} from '../application/schedule.repository.port';
import { table } from './scheduling-schema';
import { queryPrepared } from '@envrefresh/persistence';

interface ScheduleRow {
  id: string;
  intent_id: string;
  environment_id: string;
  status: ScheduleStatus;
  planned_start: Date;
  planned_end: Date;
  overrun_grace: string;
}

interface JobRow {
  id: string;
  schedule_id: string;
  intent_id: string;
  kind: ScheduleJobKind;
  lead_time: string | null;
  due_at: Date;
  status: ScheduleJobStatus;
  fired_at: Date | null;
}

const SCHEDULES = table('schedules');
const JOBS = table('jobs');
const SCHEDULE_COLUMNS = 'id, intent_id, environment_id, status, planned_start, planned_end, overrun_grace';
const JOB_COLUMNS = 'id, schedule_id, intent_id, kind, lead_time, due_at, status, fired_at';

@Injectable()
export class SqlScheduleRepository implements ScheduleRepository {
  async activeFor(manager: EntityManager, intentId: string): Promise<StoredSchedule | null> {
    const rows = await queryPrepared<ScheduleRow>(
      manager,
      `SELECT ${SCHEDULE_COLUMNS} FROM ${SCHEDULES} WHERE intent_id = $1 AND status = 'ACTIVE' FOR UPDATE`,
      [intentId],
    );
    return rows[0] ? this.withJobs(manager, rows[0]) : null;
  }

  async currentFor(manager: EntityManager, intentId: string): Promise<StoredSchedule | null> {
    const rows: ScheduleRow[] = await manager.query(
      `SELECT ${SCHEDULE_COLUMNS} FROM ${SCHEDULES} WHERE intent_id = $1
        ORDER BY (status = 'ACTIVE') DESC, created_at DESC, id LIMIT 1`,
      [intentId],
    );
    return rows[0] ? this.withJobs(manager, rows[0]) : null;
  }

  async insert(manager: EntityManager, schedule: StoredSchedule): Promise<void> {
    await manager.query(
      `INSERT INTO ${SCHEDULES} (${SCHEDULE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        schedule.id,
        schedule.intentId,
        schedule.environmentId,
        schedule.status,
        schedule.plannedStart,
        schedule.plannedEnd,
        schedule.overrunGrace,
      ],
    );
    if (schedule.jobs.length === 0) return;
    await manager.query(
      `INSERT INTO ${JOBS} (${JOB_COLUMNS})
       SELECT job.id, $1, $2, job.kind, job.lead_time, job.due_at, job.status, NULL
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
           AS job (id, kind, lead_time, due_at, status)`,
      [
        schedule.id,
        schedule.intentId,
        schedule.jobs.map((job) => job.id),
        schedule.jobs.map((job) => job.kind),
        schedule.jobs.map((job) => job.leadTime),
        schedule.jobs.map((job) => job.dueAt),
        schedule.jobs.map((job) => job.status),
      ],
    );
  }

  async close(
    manager: EntityManager,
    schedule: StoredSchedule,
    status: Exclude<ScheduleStatus, 'ACTIVE'>,
  ): Promise<StoredSchedule> {
    // Waits for a job the firing worker holds, then finds it FIRED and leaves it so.
    await manager.query(
      `UPDATE ${JOBS} SET status = 'CANCELLED' WHERE schedule_id = $1 AND status = 'PENDING'`,
      [schedule.id],
    );
    await manager.query(`UPDATE ${SCHEDULES} SET status = $2, updated_at = clock_timestamp() WHERE id = $1`, [
      schedule.id,
      status,
    ]);
    return { ...schedule, status, jobs: await this.jobsOf(manager, schedule.id) };
  }

  async claimDue(manager: EntityManager, now: Date, limit: number): Promise<ClaimedJob[]> {
    const rows: Array<JobRow & { planned_start: Date; planned_end: Date; overrun_grace: string }> =
      await manager.query(
        `WITH due AS (
           SELECT ${JOB_COLUMNS} FROM ${JOBS}
            WHERE status = 'PENDING' AND due_at <= $1
            ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         SELECT due.*, s.planned_start, s.planned_end, s.overrun_grace
           FROM due JOIN ${SCHEDULES} s ON s.id = due.schedule_id
          ORDER BY due.due_at, due.id`,
        [now.toISOString(), limit],
      );
    return rows.map((row) => ({
      ...toJob(row),
      scheduleId: row.schedule_id,
      intentId: row.intent_id,
      plannedStart: row.planned_start,
      plannedEnd: row.planned_end,
      overrunGrace: row.overrun_grace,
    }));
  }

  async recordOutcomes(manager: EntityManager, outcomes: readonly JobOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await manager.query(
      `UPDATE ${JOBS} AS job SET status = outcome.status, fired_at = outcome.fired_at
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS outcome (id, status, fired_at)
        WHERE job.id = outcome.id`,
      [outcomes.map((o) => o.id), outcomes.map((o) => o.status), outcomes.map((o) => o.firedAt)],
    );
  }

  private async withJobs(manager: EntityManager, row: ScheduleRow): Promise<StoredSchedule> {
    return {
      id: row.id,
      intentId: row.intent_id,
      environmentId: row.environment_id,
      status: row.status,
      plannedStart: row.planned_start,
      plannedEnd: row.planned_end,
      overrunGrace: row.overrun_grace,
      jobs: await this.jobsOf(manager, row.id),
    };
  }

  private async jobsOf(manager: EntityManager, scheduleId: string): Promise<StoredJob[]> {
    const rows: JobRow[] = await manager.query(
      `SELECT ${JOB_COLUMNS} FROM ${JOBS} WHERE schedule_id = $1 ORDER BY due_at, id`,
      [scheduleId],
    );
    return rows.map(toJob);
  }
}

function toJob(row: JobRow): StoredJob {
  return {
    id: row.id,
    kind: row.kind,
    leadTime: row.lead_time,
    dueAt: row.due_at,
    status: row.status,
    firedAt: row.fired_at,
  };
}
