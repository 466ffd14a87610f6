import { describeSpan } from '../describe-time';
import { Interval, span, subtract } from '@envrefresh/recurrence';
import { Candidate, Finding, Situation } from '../situation';
import { ConflictRule } from './conflict-rule';

/**
 * OUTSIDE_MAINTENANCE: the environment has maintenance windows and the refresh is not entirely
 * inside them; WARNING. Inside means inside their union: two maintenance windows that touch or
 * overlap count as one continuous window, so a refresh may run across the boundary. The finding's
 * window runs from the start of the first part outside to the end of the last.
 */
export function outsideMaintenance(candidate: Candidate, situation: Situation): Finding[] {
  if (!situation.targetHasMaintenanceWindows) return [];
  const outside = subtract([candidate.window], maintenanceOf(candidate.environmentId, situation));
  if (outside.length === 0) return [];
  const window = span(outside)!;
  const parts = outside.length > 1 ? ` (in ${outside.length} parts)` : '';
  return [
    {
      type: 'OUTSIDE_MAINTENANCE',
      rule: 'OUTSIDE_MAINTENANCE',
      severity: 'WARNING',
      explanation: `${situation.target.key} is to be refreshed inside its maintenance windows, but this refresh runs outside them from ${describeSpan(window)}${parts}; move it into a maintenance window.`,
      relatedRef: { kind: 'ENVIRONMENT', id: situation.target.id },
      window,
    },
  ];
}

function maintenanceOf(environmentId: string, situation: Situation): Interval[] {
  return situation.maintenance
    .filter((occurrence) => occurrence.coveredEnvironmentIds.includes(environmentId))
    .map((occurrence) => occurrence.window);
}

export const outsideMaintenanceRule: ConflictRule = {
  type: 'OUTSIDE_MAINTENANCE',
  check: outsideMaintenance,
  occupied: (probe, situation, range) =>
    situation.targetHasMaintenanceWindows
      ? subtract([range], maintenanceOf(probe.environmentId, situation))
      : [],
};
