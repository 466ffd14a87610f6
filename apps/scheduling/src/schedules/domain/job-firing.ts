import { IntentStatus, ScheduleJobKind } from '@envrefresh/contracts';

/** Which `schedule.*` event a due job publishes, or why it is SKIPPED instead. */
export type FiringDecision =
  | { fire: 'schedule.reminder_due' | 'schedule.start_due' | 'schedule.overrun' | 'schedule.start_missed' }
  | { skip: string };

export interface DueJob {
  kind: ScheduleJobKind;
}

/** What the job's intent looks like when the job comes due. */
export interface FiringSituation {
  intentStatus: IntentStatus;
  plannedStart: Date;
}

const NOT_STARTED: readonly IntentStatus[] = ['APPROVED', 'SCHEDULED'];

/**
 * A due job, judged at `now` (after downtime, `now` may be long after it fell due):
 * - a REMINDER whose start has come too is SKIPPED: the start signal says more, and a
 *   "starts in 1 hour" sent after the start is wrong;
 * - a START always fires, late if need be (the event says how late);
 * - the OVERRUN says `schedule.overrun` for a refresh still IN_PROGRESS and
 *   `schedule.start_missed` for one never started; for one that ended there is nothing to say.
 */
export function decideFiring(job: DueJob, situation: FiringSituation, now: Date): FiringDecision {
  switch (job.kind) {
    case 'REMINDER':
      return situation.plannedStart <= now
        ? { skip: 'the start itself was due when the reminder ran' }
        : { fire: 'schedule.reminder_due' };
    case 'START':
      return { fire: 'schedule.start_due' };
    case 'OVERRUN':
      if (situation.intentStatus === 'IN_PROGRESS') return { fire: 'schedule.overrun' };
      if (NOT_STARTED.includes(situation.intentStatus)) return { fire: 'schedule.start_missed' };
      return { skip: `the intent is ${situation.intentStatus}` };
  }
}

/** Whole seconds between falling due and firing; 0 for a job fired on time. */
export function lateBySeconds(dueAt: Date, firedAt: Date): number {
  return Math.max(0, Math.floor((firedAt.getTime() - dueAt.getTime()) / 1000));
}
