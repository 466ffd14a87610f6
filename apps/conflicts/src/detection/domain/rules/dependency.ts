import { describeSpan } from '../describe-time';
import { Interval, intersection, span } from '@envrefresh/recurrence';
import { Candidate, Finding, RelatedEnvironment, Situation, WindowOccurrence } from '../situation';
import { overlappingByWindow } from './blackout';
import { ConflictRule, Probe } from './conflict-rule';
import { isActive } from './intent-status';
import {
  concerning,
  describeAnotherRefresh,
  describeBooking,
  describeIntent,
  describeRelation,
} from './wording';

/**
 * DEPENDENCY: an environment related to the target over the dependency graph (transitively, in
 * either direction) has an overlapping active intent, a booking of any priority, or a blackout
 * that covers it but not the target (one covering the target is the BLACKOUT rule's); WARNING.
 * One finding per cause (the intent, booking or blackout window), never one per path: each related
 * environment comes once, at its shortest distance, and a blackout over several related
 * environments is named after the nearest.
 */
export function dependency(candidate: Candidate, situation: Situation): Finding[] {
  const related = new Map(situation.related.map((environment) => [environment.id, environment]));
  const findings: Finding[] = [];
  const finding = (
    kind: 'INTENT' | 'BOOKING' | 'WINDOW',
    id: string,
    environment: RelatedEnvironment,
    window: Interval,
    what: string,
  ): Finding => ({
    type: 'DEPENDENCY',
    rule: 'DEPENDENCY',
    severity: 'WARNING',
    explanation: `${describeRelation(situation, environment)} ${what}`,
    relatedRef: { kind, id, environmentId: environment.id },
    window,
  });

  for (const intent of situation.intents) {
    const environment = related.get(intent.environmentId);
    const overlap = intersection(candidate.window, intent.window);
    if (!environment || !overlap || !isActive(intent.status) || intent.id === candidate.intentId) continue;
    const what = `has ${describeIntent(intent)}; coordinate with ${intent.requestedBy} or move this refresh.`;
    const discreet = `has ${describeAnotherRefresh(intent)}; coordinate with its owners or move this refresh.`;
    findings.push({
      ...finding('INTENT', intent.id, environment, overlap, what),
      concerning: concerning(intent, `${describeRelation(situation, environment)} ${discreet}`),
    });
  }
  for (const booking of situation.bookings) {
    const environment = related.get(booking.environmentId);
    const overlap = intersection(candidate.window, booking.window);
    if (!environment || !overlap) continue;
    const what = `is ${describeBooking(booking)}; coordinate with ${booking.group} or move this refresh.`;
    findings.push(finding('BOOKING', booking.id, environment, overlap, what));
  }
  const blackouts = overlappingByWindow(relatedOnlyBlackouts(candidate, situation), candidate.window);
  for (const [windowId, hits] of blackouts) {
    const environment = nearest([...hits.covered].flatMap((id) => related.get(id) ?? []));
    const times = hits.occurrences.length > 1 ? ` (${hits.occurrences.length} occurrences)` : '';
    const what = `is under blackout "${hits.first.name}" from ${describeSpan(span(hits.occurrences)!)}${times}; move this refresh outside it.`;
    findings.push(finding('WINDOW', windowId, environment, span(hits.overlaps)!, what));
  }
  return findings;
}

/** Blackout occurrences that cover a related environment and leave the target out. */
function relatedOnlyBlackouts(probe: Probe, situation: Situation): WindowOccurrence[] {
  const related = new Set(situation.related.map((environment) => environment.id));
  return situation.blackouts.filter(
    (occurrence) =>
      !occurrence.coveredEnvironmentIds.includes(probe.environmentId) &&
      occurrence.coveredEnvironmentIds.some((id) => related.has(id)),
  );
}

function nearest(environments: RelatedEnvironment[]): RelatedEnvironment {
  return environments.sort((a, b) => a.distance - b.distance || a.key.localeCompare(b.key))[0];
}

export const dependencyRule: ConflictRule = {
  type: 'DEPENDENCY',
  check: dependency,
  occupied: (probe, situation) => {
    const related = new Set(situation.related.map((environment) => environment.id));
    return [
      ...situation.intents
        .filter(
          (intent) =>
            related.has(intent.environmentId) && isActive(intent.status) && intent.id !== probe.intentId,
        )
        .map((intent) => intent.window),
      ...situation.bookings
        .filter((booking) => related.has(booking.environmentId))
        .map((booking) => booking.window),
      ...relatedOnlyBlackouts(probe, situation).map((occurrence) => occurrence.window),
    ];
  },
};
