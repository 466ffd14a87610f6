import { DomainError } from '@envrefresh/kernel';

/** The intent does not exist, or the caller may not see it: the same answer, so nothing leaks. */
export function intentNotFound(intentId: string): DomainError {
  return new DomainError('not-found', 'SCHEDULE.INTENT_NOT_FOUND', `No intent ${intentId} is visible to you`);
}

/** A visible intent that was never approved has no schedule yet. */
export function noSchedule(intentId: string, status: string): DomainError {
  return new DomainError(
    'not-found',
    'SCHEDULE.NOT_FOUND',
    `Intent ${intentId} has no schedule: it is ${status}, and a schedule is made when it is approved`,
  );
}
