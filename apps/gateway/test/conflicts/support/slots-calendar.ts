import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  BookingPriority,
  EnvironmentView,
  IntentStatus,
  RecurringTiming,
  WindowKind,
  WindowTiming,
} from '@envrefresh/contracts';
import { ApiSuite } from '../../api/support/api-suite';
import { RulesWorld } from './rules-world';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
/** Every calendar lives in three days from its period's start: dense enough that things meet. */
export const HORIZON_MINUTES = 3 * DAY_MINUTES;

/** Where calendars start: an ordinary week, and the weeks of the 2031 spring and autumn DST changes. */
const PERIODS = ['2031-06-02T00:00:00Z', '2031-03-27T00:00:00Z', '2031-10-23T00:00:00Z'];
const TIMEZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];
/** Recurrences with the longest occurrence (minutes) that keeps occurrences apart. */
const RECURRENCES: Array<[string, number]> = [
  ['FREQ=DAILY', 600],
  ['FREQ=DAILY;INTERVAL=2', 600],
  ['FREQ=WEEKLY;BYDAY=MO,WE,FR', 600],
  ['FREQ=HOURLY;INTERVAL=6', 300],
  ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', DAY_MINUTES],
];
const STATUSES: IntentStatus[] = [
  'REQUESTED',
  'APPROVED',
  'SCHEDULED',
  'IN_PROGRESS',
  'DRAFT',
  'CANCELLED',
  'COMPLETED',
];

/** A span in minutes from the calendar's period start. */
export interface Placement {
  startMinute: number;
  lengthMinutes: number;
}

export interface RandomIntent extends Placement {
  on: 'target' | 'neighbour' | 'elsewhere';
  status: IntentStatus;
  readsSnapshot: boolean;
}

export interface RandomBooking extends Placement {
  on: 'target' | 'neighbour';
  priority: BookingPriority;
}

export type RandomTiming =
  | ({ form: 'one-off' } & Placement)
  | { form: 'recurring'; rrule: string; durationMinutes: number; timezone: string; startMinuteOfDay: number };

export interface RandomWindow {
  kind: WindowKind;
  on: 'target' | 'neighbour';
  timing: RandomTiming;
}

export interface SlotQuery {
  durationMinutes: number;
  fromMinute: number;
  rangeMinutes: number;
  limit: number;
  withSnapshot: boolean;
  /** Where, as fractions of the range, to probe for free windows the finder may have missed. */
  probes: number[];
}

export interface RandomCalendar {
  period: string;
  neighbour: 'upstream' | 'downstream' | null;
  ownMaintenance: Extract<RandomTiming, { form: 'recurring' }> | null;
  intents: RandomIntent[];
  bookings: RandomBooking[];
  windows: RandomWindow[];
  query: SlotQuery;
}

const quarterHours = (min: number, max: number) =>
  fc.integer({ min: Math.ceil(min / 15), max: Math.floor(max / 15) }).map((quarters) => quarters * 15);

const placement = (): fc.Arbitrary<Placement> =>
  fc.record({ startMinute: quarterHours(0, HORIZON_MINUTES), lengthMinutes: quarterHours(30, 720) });

const recurring = (): fc.Arbitrary<Extract<RandomTiming, { form: 'recurring' }>> =>
  fc.constantFrom(...RECURRENCES).chain(([rrule, longest]) =>
    fc.record({
      form: fc.constant('recurring' as const),
      rrule: fc.constant(rrule),
      durationMinutes: quarterHours(30, longest),
      timezone: fc.constantFrom(...TIMEZONES),
      startMinuteOfDay: quarterHours(0, DAY_MINUTES - 15),
    }),
  );

/** A random week of one environment, its dependency neighbour and a stranger reading the same snapshot. */
export function randomCalendar(): fc.Arbitrary<RandomCalendar> {
  return fc.record({
    period: fc.constantFrom(...PERIODS),
    neighbour: fc.constantFrom('upstream' as const, 'downstream' as const, null),
    // Maintenance windows confine every slot to them: in one calendar of five, or the finder
    // would mostly answer that nothing fits.
    ownMaintenance: fc.oneof(
      { arbitrary: fc.constant(null), weight: 4 },
      { arbitrary: recurring(), weight: 1 },
    ),
    intents: fc.array(
      fc
        .record({
          on: fc.constantFrom('target' as const, 'neighbour' as const, 'elsewhere' as const),
          status: fc.constantFrom(...STATUSES),
          readsSnapshot: fc.boolean(),
          startMinute: quarterHours(0, HORIZON_MINUTES),
          lengthMinutes: quarterHours(30, 600),
        })
        // An intent elsewhere matters only through the snapshot it reads.
        .map((intent) => (intent.on === 'elsewhere' ? { ...intent, readsSnapshot: true } : intent)),
      { maxLength: 8 },
    ),
    bookings: fc.array(
      fc
        .record({
          on: fc.constantFrom('target' as const, 'neighbour' as const),
          priority: fc.constantFrom<BookingPriority>('LOW', 'MEDIUM', 'HIGH', 'CRITICAL'),
        })
        .chain((booking) => placement().map((where) => ({ ...booking, ...where }))),
      { maxLength: 4 },
    ),
    windows: fc.array(
      fc.record({
        kind: fc.constantFrom<WindowKind>('BLACKOUT', 'BLACKOUT', 'BLACKOUT', 'MAINTENANCE'),
        on: fc.constantFrom('target' as const, 'neighbour' as const),
        timing: fc.oneof(
          placement().map((where) => ({ form: 'one-off' as const, ...where })),
          recurring(),
        ),
      }),
      { maxLength: 3 },
    ),
    query: quarterHours(30, 480).chain((durationMinutes) =>
      fc.record({
        durationMinutes: fc.constant(durationMinutes),
        fromMinute: quarterHours(0, DAY_MINUTES),
        // Now and then a range that barely fits the duration, mostly one with room to choose.
        rangeMinutes: fc.oneof(
          { arbitrary: quarterHours(durationMinutes, 2 * durationMinutes), weight: 1 },
          { arbitrary: quarterHours(2 * durationMinutes, HORIZON_MINUTES - DAY_MINUTES), weight: 3 },
        ),
        limit: fc.integer({ min: 1, max: 4 }),
        withSnapshot: fc.constantFrom(true, true, false),
        probes: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
      }),
    ),
  });
}

/** `PT2H15M` */
export function isoMinutes(minutes: number): string {
  const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
  return `PT${hours > 0 ? `${hours}H` : ''}${rest > 0 || hours === 0 ? `${rest}M` : ''}`;
}

/** What a seeded calendar asks the slot finder, as instants. */
export interface SeededCalendar {
  target: EnvironmentView;
  /** The snapshot the query reads from, when it reads one. */
  snapshot?: string;
  from: Date;
  to: Date;
  durationMs: number;
}

const at = (period: string, minute: number) => new Date(Date.parse(period) + minute * MINUTE);

function timingOf(period: string, timing: RandomTiming): WindowTiming {
  if (timing.form === 'one-off') {
    return {
      start: at(period, timing.startMinute).toISOString(),
      end: at(period, timing.startMinute + timing.lengthMinutes).toISOString(),
    };
  }
  const recurrence: RecurringTiming = {
    rrule: timing.rrule,
    duration: isoMinutes(timing.durationMinutes),
    timezone: timing.timezone,
    // A week before the period, so the recurrence is well under way when the calendar starts.
    startsAt: at(period, timing.startMinuteOfDay - 7 * DAY_MINUTES).toISOString(),
  };
  return recurrence;
}

/**
 * Builds `calendar` for a fresh environment. Environments, bookings and windows go through the
 * API; intents go straight into the conflicts service's own table (filing and moving each one
 * through its lifecycle would take seconds per run), which is what both the dry run and the slot
 * finder read.
 */
export async function seedCalendar(
  world: RulesWorld,
  suite: ApiSuite,
  calendar: RandomCalendar,
): Promise<SeededCalendar> {
  const { period } = calendar;
  const ownMaintenance = calendar.ownMaintenance
    ? [{ name: 'Own maintenance', ...timingOf(period, calendar.ownMaintenance) }]
    : [];
  let target: EnvironmentView;
  let neighbour: EnvironmentView | undefined;
  if (calendar.neighbour === 'upstream') {
    neighbour = await world.environment();
    target = await world.environment({ dependsOn: [neighbour.key], maintenanceWindows: ownMaintenance });
  } else {
    target = await world.environment({ maintenanceWindows: ownMaintenance });
    if (calendar.neighbour === 'downstream') neighbour = await world.environment({ dependsOn: [target.key] });
  }
  // A stranger to the graph: its intents matter only through the snapshot they read.
  const elsewhere = randomUUID();
  // Without a neighbour, what the calendar puts on it goes to the target.
  const environmentOf = (on: 'target' | 'neighbour') =>
    on === 'neighbour' && neighbour ? neighbour : target;
  const placeOf = (on: 'target' | 'neighbour' | 'elsewhere') =>
    on === 'elsewhere' ? elsewhere : environmentOf(on).id;
  const snapshot = `prod-masked-${randomUUID().slice(0, 8)}`;

  for (const intent of calendar.intents) {
    const start = at(period, intent.startMinute);
    const end = at(period, intent.startMinute + intent.lengthMinutes);
    await suite.db.query(
      `INSERT INTO conflicts.intent_windows
         (intent_id, environment_id, status, planned, version, refresh_type, requested_by, source_snapshot)
       VALUES ($1, $2, $3, tstzrange($4, $5, '[)'), 1, 'MASKED_COPY', 'seeded-by-a-property', $6)`,
      [
        randomUUID(),
        placeOf(intent.on),
        intent.status,
        start.toISOString(),
        end.toISOString(),
        intent.readsSnapshot ? snapshot : null,
      ],
    );
  }
  for (const booking of calendar.bookings) {
    const start = at(period, booking.startMinute);
    await world.book(
      environmentOf(booking.on),
      {
        start: start.toISOString(),
        end: at(period, booking.startMinute + booking.lengthMinutes).toISOString(),
      },
      { priority: booking.priority },
    );
  }
  for (const window of calendar.windows) {
    await world.window(window.kind, timingOf(period, window.timing), {
      environmentIds: [environmentOf(window.on).id],
    });
  }

  const from = at(period, calendar.query.fromMinute);
  return {
    target,
    ...(calendar.query.withSnapshot ? { snapshot } : {}),
    from,
    to: new Date(from.getTime() + calendar.query.rangeMinutes * MINUTE),
    durationMs: calendar.query.durationMinutes * MINUTE,
  };
}
