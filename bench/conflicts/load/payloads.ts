import { actingUserOf } from '@envrefresh/application';
import type { ActingUser } from '@envrefresh/kernel';
import { Random } from '../random';
import { DAY_MS, HOUR_MS } from '../seed/bench-calendar';
import { SeededWorld } from '../seed/seed-world';

/** The caller the gateway would hand the service: a requester. */
export const BENCH_ACTOR: ActingUser = actingUserOf({
  sub: 'bench-requester',
  roles: ['requester'],
  groups: ['team-01'],
});

export type CheckPayload = {
  environmentId: string;
  plannedStart: string;
  plannedEnd: string;
  source?: { environmentId?: string; snapshot?: string };
};

export type SlotSearchPayload = {
  environment: string;
  duration: string;
  from: string;
  to: string;
};

const QUARTER_HOUR_MS = 15 * 60 * 1000;

/**
 * Dry-run checks as a planner would send them: a random environment, a 2 to 8 hour window starting
 * on a quarter hour anywhere in the two years, and in 30% of them a source (half an environment
 * copies read from, half a snapshot).
 */
export function checkPayloads(world: SeededWorld, count: number, random: Random): CheckPayload[] {
  const { from, to } = world.calendar;
  const quarters = Math.floor((to.getTime() - from.getTime() - 8 * HOUR_MS) / QUARTER_HOUR_MS);
  return Array.from({ length: count }, () => {
    const start = from.getTime() + random.int(0, quarters) * QUARTER_HOUR_MS;
    const end = start + random.int(2, 8) * HOUR_MS;
    const roll = random.next();
    const source =
      roll < 0.15
        ? { environmentId: random.pick(world.sourceEnvironmentIds) }
        : roll < 0.3
          ? { snapshot: random.pick(world.snapshots) }
          : undefined;
    return {
      environmentId: random.pick(world.environments).id,
      plannedStart: new Date(start).toISOString(),
      plannedEnd: new Date(end).toISOString(),
      ...(source ? { source } : {}),
    };
  });
}

/**
 * Slot searches for `duration` over `days`, starting at a random hour of the year ahead (where the
 * pending intents are), each for a random environment.
 */
export function slotSearchPayloads(
  world: SeededWorld,
  count: number,
  days: number,
  random: Random,
): SlotSearchPayload[] {
  const { now, to } = world.calendar;
  const hours = Math.max(0, Math.floor((to.getTime() - now.getTime() - days * DAY_MS) / HOUR_MS));
  return Array.from({ length: count }, () => {
    const start = now.getTime() + random.int(0, hours) * HOUR_MS;
    return {
      environment: random.pick(world.environments).id,
      duration: 'PT4H',
      from: new Date(start).toISOString(),
      to: new Date(start + days * DAY_MS).toISOString(),
    };
  });
}
