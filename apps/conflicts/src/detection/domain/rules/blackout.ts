import { describeSpan } from '../describe-time';
import { Interval, intersection, span } from '@envrefresh/recurrence';
import { Candidate, Finding, Situation, WindowOccurrence } from '../situation';
import { ConflictRule } from './conflict-rule';

/**
 * BLACKOUT: a blackout covering the environment overlaps; always BLOCKING. One finding per
 * blackout window, however many of its occurrences the refresh meets: its window runs from the
 * first overlap's start to the last one's end.
 */
export function blackout(candidate: Candidate, situation: Situation): Finding[] {
  const hits = overlappingByWindow(
    situation.blackouts.filter((occurrence) =>
      occurrence.coveredEnvironmentIds.includes(candidate.environmentId),
    ),
    candidate.window,
  );
  return [...hits.values()].map(({ first, occurrences, overlaps }) => {
    const times = occurrences.length > 1 ? ` (${occurrences.length} occurrences)` : '';
    return {
      type: 'BLACKOUT',
      rule: 'BLACKOUT',
      severity: 'BLOCKING',
      explanation: `Blackout "${first.name}" covers ${situation.target.key} from ${describeSpan(span(occurrences)!)}${times}; no refresh may run then, so move this one outside it.`,
      relatedRef: { kind: 'WINDOW', id: first.windowId },
      window: span(overlaps)!,
    };
  });
}

export interface WindowHits {
  first: WindowOccurrence;
  /** The occurrences that overlap, whole. */
  occurrences: Interval[];
  /** Their overlaps with the candidate. */
  overlaps: Interval[];
  /** Every environment the overlapping occurrences cover. */
  covered: Set<string>;
}

/** The occurrences that overlap `window`, grouped by the window they belong to. */
export function overlappingByWindow(
  occurrences: WindowOccurrence[],
  window: Interval,
): Map<string, WindowHits> {
  const hits = new Map<string, WindowHits>();
  for (const occurrence of occurrences) {
    const overlap = intersection(window, occurrence.window);
    if (!overlap) continue;
    const entry = hits.get(occurrence.windowId) ?? {
      first: occurrence,
      occurrences: [],
      overlaps: [],
      covered: new Set<string>(),
    };
    entry.occurrences.push(occurrence.window);
    entry.overlaps.push(overlap);
    occurrence.coveredEnvironmentIds.forEach((id) => entry.covered.add(id));
    hits.set(occurrence.windowId, entry);
  }
  return hits;
}

export const blackoutRule: ConflictRule = {
  type: 'BLACKOUT',
  check: blackout,
  occupied: (probe, situation) =>
    situation.blackouts
      .filter((occurrence) => occurrence.coveredEnvironmentIds.includes(probe.environmentId))
      .map((occurrence) => occurrence.window),
};
