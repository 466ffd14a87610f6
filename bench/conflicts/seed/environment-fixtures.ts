import { randomUUID } from 'node:crypto';
import type { EnvironmentTier, MaintenanceWindow } from '@envrefresh/contracts';
import type { EnvironmentRow } from '../../../apps/conflicts/src/shared/infrastructure/world-rows';
import { instantOfLocal } from '@envrefresh/recurrence';
import { Random } from '../random';
import { BenchCalendar, TIME_ZONES } from './bench-calendar';

/** A row of `conflicts.environments` as the projection stores it, plus its layer in the graph. */
export type EnvironmentFixture = Omit<EnvironmentRow, 'version'> & { version: number; layer: number };

const TIER_WEIGHTS: Record<EnvironmentTier, number> = {
  DEV: 25,
  QA: 25,
  SIT: 15,
  UAT: 15,
  STAGING: 8,
  PERF: 7,
  TRAINING: 5,
};

export const OWNER_GROUPS = Array.from(
  { length: 40 },
  (_, index) => `team-${String(index + 1).padStart(2, '0')}`,
);

/**
 * Layer sizes halving with depth (front-end apps on top, shared databases and infrastructure at the
 * bottom), so deep environments are shared by many: with 4 layers of 10,000, 5,333 / 2,667 / 1,333 / 667.
 */
export function layerSizes(environments: number, layers: number): number[] {
  const weights = Array.from({ length: layers }, (_, layer) => 2 ** (layers - 1 - layer));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const sizes = weights.map((weight) => Math.max(1, Math.floor((environments * weight) / total)));
  sizes[0] += environments - sizes.reduce((sum, size) => sum + size, 0);
  return sizes;
}

/**
 * The catalog: keys `env-00001` …, each environment of a layer depending on one or two random
 * environments of the next, and `ownMaintenancePercent` of them with a weekly maintenance window of
 * their own in their timezone (the environment's `maintenanceWindows`).
 */
export function environmentFixtures(
  counts: { environments: number; layers: number; ownMaintenancePercent: number },
  calendar: BenchCalendar,
  random: Random,
): EnvironmentFixture[] {
  const sizes = layerSizes(counts.environments, counts.layers);
  const width = String(counts.environments).length;
  const keyOf = (index: number) => `env-${String(index + 1).padStart(width, '0')}`;
  const firstOfLayer = sizes.map((_, layer) => sizes.slice(0, layer).reduce((sum, size) => sum + size, 0));
  const fixtures: EnvironmentFixture[] = [];
  for (let layer = 0; layer < sizes.length; layer += 1) {
    for (let offset = 0; offset < sizes[layer]; offset += 1) {
      const index = firstOfLayer[layer] + offset;
      const timezone = random.pick(TIME_ZONES);
      const below =
        layer + 1 < sizes.length ? { first: firstOfLayer[layer + 1], size: sizes[layer + 1] } : null;
      const dependsOn = below
        ? [
            ...new Set(
              Array.from({ length: random.int(1, 2) }, () =>
                keyOf(below.first + random.int(0, below.size - 1)),
              ),
            ),
          ]
        : [];
      fixtures.push({
        id: randomUUID(),
        key: keyOf(index),
        name: `Environment ${index + 1}`,
        tier: random.weighted(TIER_WEIGHTS),
        owner_group: random.pick(OWNER_GROUPS),
        timezone,
        depends_on: dependsOn,
        maintenance_windows:
          random.next() * 100 < counts.ownMaintenancePercent
            ? [ownMaintenance(timezone, calendar, random)]
            : [],
        version: 1,
        layer,
      });
    }
  }
  return fixtures;
}

function ownMaintenance(timezone: string, calendar: BenchCalendar, random: Random): MaintenanceWindow {
  const saturdayNight = random.next() < 0.4;
  const from = calendar.from;
  const localStart = Date.UTC(
    from.getUTCFullYear(),
    from.getUTCMonth(),
    from.getUTCDate(),
    saturdayNight ? 22 : 2,
  );
  return {
    name: saturdayNight ? 'Saturday night maintenance' : 'Sunday maintenance',
    rrule: saturdayNight ? 'FREQ=WEEKLY;BYDAY=SA' : 'FREQ=WEEKLY;BYDAY=SU',
    duration: saturdayNight ? 'PT8H' : 'PT6H',
    timezone,
    startsAt: new Date(instantOfLocal(localStart, timezone)).toISOString(),
  };
}
