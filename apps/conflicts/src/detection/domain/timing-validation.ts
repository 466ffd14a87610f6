import { OneOffTiming, RecurringTiming } from '@envrefresh/contracts';
import { FieldProblem } from '@envrefresh/kernel';
import { describeInstant } from './describe-time';
import {
  compileRecurrence,
  firstOccurrences,
  parseInstant,
  longestLengthOfParts,
  parseDuration,
} from '@envrefresh/recurrence';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A one-off window lasts at most this long. */
export const MAX_ONE_OFF_DURATION_MS = 366 * DAY_MS;

/** One occurrence of a recurring window lasts at most this long (months count as 31 days). */
export const MAX_RECURRING_DURATION = 'P31D';
export const MAX_RECURRING_DURATION_MS = 31 * DAY_MS;

/** Occurrences of a recurring window start at least this far apart. */
export const MIN_RECURRENCE_SPACING_MS = 60 * 60 * 1000;

/** How many occurrences from `startsAt` on are checked for spacing and overlap. */
export const RECURRENCE_SAMPLE_SIZE = 366;

/** `{start, end}`: both instants, end after start, at most MAX_ONE_OFF_DURATION_MS apart. */
export function validateOneOffTiming(timing: OneOffTiming): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const start = parseInstant(timing.start);
  const end = parseInstant(timing.end);
  if (!start) problems.push({ field: 'start', message: INSTANT });
  if (!end) problems.push({ field: 'end', message: INSTANT });
  if (start && end && end <= start) {
    problems.push({ field: 'end', message: 'must be after start (windows are half-open [start, end))' });
  } else if (start && end && end.getTime() - start.getTime() > MAX_ONE_OFF_DURATION_MS) {
    problems.push({ field: 'end', message: 'must be at most 366 days after start' });
  }
  return problems;
}

/**
 * `{rrule, duration, timezone, startsAt, until?}`, each problem naming its field: the RRULE must
 * parse (see `parseRuleText`; DTSTART, RDATE and EXDATE are refused, COUNT and UNTIL work), the
 * timezone must be an IANA name, the duration an ISO-8601 duration longer than zero and at most
 * MAX_RECURRING_DURATION, `until` after `startsAt`. Then the rule must yield an occurrence, and
 * among its first RECURRENCE_SAMPLE_SIZE occurrences none may start within
 * MIN_RECURRENCE_SPACING_MS of the one before (a window recurs at most hourly) nor before the one
 * before has ended (occurrences never overlap one another). Together with the cap of
 * MAX_OCCURRENCES_PER_EXPANSION this keeps any expansion bounded.
 */
export function validateRecurringTiming(timing: RecurringTiming): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const parts = typeof timing.duration === 'string' ? parseDuration(timing.duration) : undefined;
  const longest = parts && longestLengthOfParts(parts);
  if (longest === 0) problems.push({ field: 'duration', message: 'must be longer than zero' });
  if (longest !== undefined && longest > MAX_RECURRING_DURATION_MS) {
    problems.push({ field: 'duration', message: `must be at most ${MAX_RECURRING_DURATION} (31 days)` });
  }
  const startsAt = parseInstant(timing.startsAt);
  const until = timing.until === undefined ? undefined : parseInstant(timing.until);
  if (startsAt && until && until <= startsAt)
    problems.push({ field: 'until', message: 'must be after startsAt' });

  const compiled = compileRecurrence(timing);
  if (!('rule' in compiled)) return [...compiled, ...problems];
  if (problems.length > 0) return problems;

  const sample = firstOccurrences(compiled, RECURRENCE_SAMPLE_SIZE);
  if (sample.length === 0) {
    const before = timing.until === undefined ? '' : ' before until';
    return [{ field: 'rrule', message: `yields no occurrence from startsAt on${before}` }];
  }
  for (let i = 1; i < sample.length; i++) {
    const [previous, next] = [sample[i - 1], sample[i]];
    const pair = `${describeInstant(previous.start)} and ${describeInstant(next.start)}`;
    if (next.start.getTime() - previous.start.getTime() < MIN_RECURRENCE_SPACING_MS) {
      return [{ field: 'rrule', message: `recurs more often than hourly: occurrences start at ${pair}` }];
    }
    if (next.start < previous.end) {
      return [
        {
          field: 'duration',
          message: `is longer than the time between two occurrences (starting ${pair}), so they would overlap`,
        },
      ];
    }
  }
  return [];
}

const INSTANT = 'must be an ISO-8601 date-time with an offset, e.g. 2026-03-01T22:00:00+01:00';
