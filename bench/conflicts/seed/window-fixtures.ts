import { randomUUID } from 'node:crypto';
import type { EnvironmentTier, RecurringTiming, WindowKind, WindowTiming } from '@envrefresh/contracts';
import { ENVIRONMENT_TIERS } from '@envrefresh/contracts';
import { occurrenceReachOf, instantOfLocal } from '@envrefresh/recurrence';
import { validateRecurringTiming } from '../../../apps/conflicts/src/detection/domain/timing-validation';
import { Random } from '../random';
import { BenchCalendar, DAY_MS, HOUR_MS, TIME_ZONES } from './bench-calendar';

/** A row of `conflicts.windows`, `span` computed as the service computes it when a window is created. */
export interface WindowFixture {
  id: string;
  kind: WindowKind;
  name: string;
  scope_environment_ids: string[];
  scope_tiers: EnvironmentTier[];
  during_start: string | null;
  during_end: string | null;
  rrule: string | null;
  duration: string | null;
  timezone: string | null;
  starts_at: string | null;
  until: string | null;
  span_start: string;
  /** Null: the recurrence never ends. */
  span_end: string | null;
  created_by: { sub: string; name: string };
  created_at: string;
}

interface RecurringTemplate {
  kind: WindowKind;
  name: string;
  rrule: string;
  duration: string;
  /** Local hour of day the occurrences start at. */
  hour: number;
  /** Sparse enough to be imposed on every environment (a company-wide close). */
  global: boolean;
}

const RECURRING: RecurringTemplate[] = [
  {
    kind: 'BLACKOUT',
    name: 'Weekend freeze',
    rrule: 'FREQ=WEEKLY;BYDAY=SA,SU',
    duration: 'P1D',
    hour: 0,
    global: false,
  },
  {
    kind: 'MAINTENANCE',
    name: 'Nightly maintenance',
    rrule: 'FREQ=DAILY',
    duration: 'PT6H',
    hour: 22,
    global: false,
  },
  {
    kind: 'MAINTENANCE',
    name: 'Sunday maintenance',
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
    duration: 'PT4H',
    hour: 2,
    global: false,
  },
  {
    kind: 'BLACKOUT',
    name: 'Month-end close (last business day)',
    rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    duration: 'P1D',
    hour: 0,
    global: true,
  },
  {
    kind: 'BLACKOUT',
    name: 'Business hours',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    duration: 'PT8H',
    hour: 9,
    global: false,
  },
  {
    kind: 'MAINTENANCE',
    name: 'First-Saturday patching',
    rrule: 'FREQ=MONTHLY;BYDAY=1SA',
    duration: 'PT8H',
    hour: 20,
    global: false,
  },
  {
    kind: 'BLACKOUT',
    name: 'Quarter-end close',
    rrule: 'FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-3,-2,-1',
    duration: 'P1D',
    hour: 0,
    global: true,
  },
  {
    kind: 'BLACKOUT',
    name: 'Payroll run',
    rrule: 'FREQ=MONTHLY;BYMONTHDAY=15',
    duration: 'PT6H',
    hour: 18,
    global: true,
  },
  {
    kind: 'MAINTENANCE',
    name: 'Fortnightly patch window',
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
    duration: 'PT3H',
    hour: 21,
    global: false,
  },
];

const ONE_OFF_NAMES: Record<WindowKind, string[]> = {
  BLACKOUT: ['Release freeze', 'Audit freeze', 'Customer demo', 'Go-live', 'Training week'],
  MAINTENANCE: ['Planned maintenance', 'Storage migration', 'Database upgrade', 'OS patching'],
};

type Scope = { environmentIds: string[]; tiers: EnvironmentTier[] };

/**
 * `recurringPercent` of the windows recur (real RRULEs in several IANA timezones, some ending with
 * `until` or COUNT), the rest are one-off windows of 2 hours to a week over the two years. Scopes:
 * 2% every environment, 18% one or two tiers, the rest one to five environments. Every recurring
 * timing passes the service's own validation, and `span` is `occurrenceReachOf` of the timing.
 */
export function windowFixtures(
  counts: { windows: number; recurringPercent: number },
  environmentIds: readonly string[],
  calendar: BenchCalendar,
  random: Random,
): WindowFixture[] {
  const recurring = Math.round((counts.windows * counts.recurringPercent) / 100);
  return Array.from({ length: counts.windows }, (_, index) => {
    const scope = scopeOf(random, environmentIds);
    const global = scope.environmentIds.length === 0 && scope.tiers.length === 0;
    return index < recurring
      ? recurringWindow(scope, global, calendar, random)
      : oneOffWindow(scope, global, calendar, random);
  });
}

function scopeOf(random: Random, environmentIds: readonly string[]): Scope {
  const roll = random.next();
  if (roll < 0.02) return { environmentIds: [], tiers: [] };
  if (roll < 0.2) return { environmentIds: [], tiers: random.sample(ENVIRONMENT_TIERS, random.int(1, 2)) };
  return { environmentIds: random.sample(environmentIds, random.int(1, 5)), tiers: [] };
}

function recurringWindow(
  scope: Scope,
  global: boolean,
  calendar: BenchCalendar,
  random: Random,
): WindowFixture {
  const template = random.pick(global ? RECURRING.filter((each) => each.global) : RECURRING);
  const timezone = random.pick(TIME_ZONES);
  const firstDay = new Date(calendar.from.getTime() + random.int(0, 180) * DAY_MS);
  const localStart = Date.UTC(
    firstDay.getUTCFullYear(),
    firstDay.getUTCMonth(),
    firstDay.getUTCDate(),
    template.hour,
  );
  const ending = random.next();
  const timing: RecurringTiming = {
    rrule: ending < 0.1 ? `${template.rrule};COUNT=${random.int(6, 40)}` : template.rrule,
    duration: template.duration,
    timezone,
    startsAt: new Date(instantOfLocal(localStart, timezone)).toISOString(),
    ...(ending >= 0.1 && ending < 0.4
      ? { until: new Date(calendar.now.getTime() + random.int(30, 360) * DAY_MS).toISOString() }
      : {}),
  };
  const problems = validateRecurringTiming(timing);
  if (problems.length > 0)
    throw new Error(`fixture window ${JSON.stringify(timing)} is invalid: ${JSON.stringify(problems)}`);
  return row(template.kind, template.name, scope, timing, random);
}

function oneOffWindow(scope: Scope, global: boolean, calendar: BenchCalendar, random: Random): WindowFixture {
  const kind: WindowKind = global || random.next() < 0.7 ? 'BLACKOUT' : 'MAINTENANCE';
  const hours = (calendar.to.getTime() - calendar.from.getTime()) / HOUR_MS;
  const start = calendar.from.getTime() + random.int(0, hours - 1) * HOUR_MS;
  const length = (2 + Math.floor(random.next() ** 2 * 166)) * HOUR_MS;
  const timing = { start: new Date(start).toISOString(), end: new Date(start + length).toISOString() };
  return row(kind, random.pick(ONE_OFF_NAMES[kind]), scope, timing, random);
}

function row(
  kind: WindowKind,
  name: string,
  scope: Scope,
  timing: WindowTiming,
  random: Random,
): WindowFixture {
  const reach = occurrenceReachOf(timing);
  const oneOff = 'start' in timing ? timing : undefined;
  const recurring = 'rrule' in timing ? timing : undefined;
  return {
    id: randomUUID(),
    kind,
    name,
    scope_environment_ids: scope.environmentIds,
    scope_tiers: scope.tiers,
    during_start: oneOff?.start ?? null,
    during_end: oneOff?.end ?? null,
    rrule: recurring?.rrule ?? null,
    duration: recurring?.duration ?? null,
    timezone: recurring?.timezone ?? null,
    starts_at: recurring?.startsAt ?? null,
    until: recurring?.until ?? null,
    span_start: reach.start.toISOString(),
    span_end: reach.end?.toISOString() ?? null,
    created_by: { sub: 'bench-admin', name: 'Bench Admin' },
    created_at: new Date(reach.start.getTime() - random.int(1, 60) * DAY_MS).toISOString(),
  };
}
