import { CheckpointFacts } from './facts';
import { Violation, violation } from './violation';

/** How long after its due time a job may still be undecided: the poll interval and a busy machine. */
export const JOB_DECISION_GRACE_MS = 5_000;

/**
 * A FIRED job published exactly one `schedule.*` event and any other job none; a job of an active
 * schedule that was due before the horizon (less the grace) is not PENDING any more.
 */
export function checkJobs(facts: Pick<CheckpointFacts, 'horizonMs' | 'jobs' | 'jobEvents'>): Violation[] {
  const found: Violation[] = [];
  for (const job of facts.jobs) {
    const events = facts.jobEvents.get(job.id) ?? 0;
    if (events > 1)
      found.push(violation('jobsOnce', 'duplicated', job.id, `job ${job.id} published ${events} events`));
    else if (job.status === 'FIRED' && events === 0)
      found.push(violation('jobsOnce', 'lost', job.id, `job ${job.id} is FIRED but published no event`));
    else if (job.status !== 'FIRED' && events > 0)
      found.push(
        violation('jobsOnce', 'wrong', job.id, `job ${job.id} is ${job.status} but published an event`),
      );
    const overdue = job.dueAtMs < facts.horizonMs - JOB_DECISION_GRACE_MS;
    if (job.status === 'PENDING' && job.scheduleStatus === 'ACTIVE' && overdue)
      found.push(
        violation(
          'jobsOnce',
          'lost',
          `${job.id} pending`,
          `job ${job.id} was due ${Math.round((facts.horizonMs - job.dueAtMs) / 1000)} s before the checkpoint and never fired`,
        ),
      );
  }
  return found;
}
