import { WindowTiming } from '@envrefresh/contracts';
import { ValidationError } from '@envrefresh/kernel';
import { compileRecurrence, firstOccurrences, isRecurring } from './recurrence';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A COUNT up to this many occurrences is walked to find where the last one ends; a longer one is
 * treated as endless (a wider reach is always safe, a walk of a million occurrences is not).
 */
export const COUNT_WALK_LIMIT = 1000;

/** From when to when a window's occurrences can fall; `end` null when the recurrence never ends. */
export interface OccurrenceReach {
  start: Date;
  end: Date | null;
}

/**
 * A bound on every occurrence of a window, for indexes and for finding what a window change
 * touches. It may be wider than the occurrences (a day either side of a recurrence, for the local
 * clock and its DST changes), never narrower.
 */
export function occurrenceReachOf(timing: WindowTiming): OccurrenceReach {
  if (!isRecurring(timing)) return { start: new Date(timing.start), end: new Date(timing.end) };
  const compiled = compileRecurrence(timing);
  if (!('rule' in compiled)) throw new ValidationError('WINDOW.INVALID_TIMING', compiled);
  const start = new Date(new Date(timing.startsAt).getTime() - DAY_MS);
  const ends: number[] = [];
  if (compiled.untilMs !== undefined) ends.push(compiled.untilMs + compiled.longestMs + DAY_MS);
  if (compiled.ruleUntil?.kind === 'instant')
    ends.push(compiled.ruleUntil.at.getTime() + compiled.longestMs + DAY_MS);
  if (compiled.ruleUntil?.kind === 'date') {
    ends.push(Date.parse(`${compiled.ruleUntil.date}T00:00:00Z`) + 2 * DAY_MS + compiled.longestMs);
  }
  const count = /(?:^|;)COUNT=(\d+)/.exec(compiled.rule.toString())?.[1];
  if (count !== undefined && Number(count) <= COUNT_WALK_LIMIT) {
    const occurrences = firstOccurrences(compiled, Number(count));
    // Fewer than COUNT: the rule may go on past the search horizon, so COUNT gives no bound
    // (a wider reach is always safe); an UNTIL, if any, bounds it above.
    if (occurrences.length === Number(count)) ends.push(occurrences[occurrences.length - 1].end.getTime());
  }
  return { start, end: ends.length > 0 ? new Date(Math.min(...ends)) : null };
}
