import type { EntityManager } from 'typeorm';
import { ScheduleJobKind, ScheduleJobStatus, ScheduleStatus } from '@envrefresh/contracts';

export interface StoredJob {
  id: string;
  kind: ScheduleJobKind;
  leadTime: string | null;
  dueAt: Date;
  status: ScheduleJobStatus;
  firedAt: Date | null;
}

export interface StoredSchedule {
  id: string;
  intentId: string;
  environmentId: string;
  status: ScheduleStatus;
  plannedStart: Date;
  plannedEnd: Date;
  overrunGrace: string;
  jobs: StoredJob[];
}

/** A job the firing worker holds locked, with what its event needs of its schedule. */
export interface ClaimedJob extends StoredJob {
  scheduleId: string;
  intentId: string;
  plannedStart: Date;
  plannedEnd: Date;
  overrunGrace: string;
}

/** What firing did to a job; `firedAt` for FIRED ones. */
export interface JobOutcome {
  id: string;
  status: 'FIRED' | 'SKIPPED';
  firedAt: Date | null;
}

/** Schedules and their jobs; writes happen in the caller's transaction. */
export interface ScheduleRepository {
  /** The intent's ACTIVE schedule (at most one), locked until the transaction ends. */
  activeFor(manager: EntityManager, intentId: string): Promise<StoredSchedule | null>;
  /** The ACTIVE schedule, else the newest one: what `GET /schedules/{intentId}` shows. */
  currentFor(manager: EntityManager, intentId: string): Promise<StoredSchedule | null>;
  insert(manager: EntityManager, schedule: StoredSchedule): Promise<void>;
  /** Ends a schedule: its PENDING jobs become CANCELLED. Returns it as it now is. */
  close(
    manager: EntityManager,
    schedule: StoredSchedule,
    status: Exclude<ScheduleStatus, 'ACTIVE'>,
  ): Promise<StoredSchedule>;
  /** Up to `limit` PENDING jobs due at `now`, earliest first, locked (`FOR UPDATE SKIP LOCKED`). */
  claimDue(manager: EntityManager, now: Date, limit: number): Promise<ClaimedJob[]>;
  recordOutcomes(manager: EntityManager, outcomes: readonly JobOutcome[]): Promise<void>;
}

export const SCHEDULE_REPOSITORY = Symbol('ScheduleRepository');
