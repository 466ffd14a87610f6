import { randomUUID } from 'node:crypto';
import { BookingPriority, IntentStatus } from '@envrefresh/contracts';
import { useApiSuite } from '../api/support/api-suite';
import {
  CheckCase,
  Scenario,
  day,
  expectFindings,
  expectStoredAsChecked,
  span,
} from './support/rules-findings';
import { stopScheduling } from '../schedules/support/scheduling-replicas';
import { RulesWorld } from './support/rules-world';

/**
 * Every rule and each severity of SPEC.md's table, through the gateway and the five real services:
 * each scenario builds its own environments, intents, bookings and windows through the API, then
 * asks `POST /conflicts/check` and expects exactly the conflicts listed, each with its severity,
 * what it is with, the overlap and an explanation that names the other party. Some also submit an
 * intent with the checked window and expect the service to store the very same conflicts.
 *
 * Scenarios never share environments. Each has its own day, so the tier-wide and global blackouts
 * (the only things that reach other scenarios' environments) meet nothing else.
 */

const COLLEAGUE = 'bea-builder';

const intentOverlapBlocking = (status: IntentStatus, date: string): Scenario<RulesWorld> => ({
  name: `INTENT_OVERLAP: another ${status} intent overlapping → BLOCKING`,
  build: async (world) => {
    const t = day(date);
    const environment = await world.environment();
    const other = await world.intent(status, environment, span(t('10:00'), t('14:00')));
    return [
      {
        title: `overlapping the ${status} intent's last two hours`,
        environment,
        span: span(t('12:00'), t('16:00')),
        stored: status === 'APPROVED',
        expected: [
          {
            type: 'INTENT_OVERLAP',
            severity: 'BLOCKING',
            relatedRef: { kind: 'INTENT', id: other.id },
            window: span(t('12:00'), t('14:00')),
            mentions: [environment.key, status, COLLEAGUE, `${date} 10:00 to 14:00 UTC`],
          },
        ],
      },
    ];
  },
});

const bookingOverlap = (
  priority: BookingPriority,
  severity: 'WARNING' | 'BLOCKING',
  date: string,
): Scenario<RulesWorld> => ({
  name: `BOOKING_OVERLAP: a ${priority} booking overlapping → ${severity}`,
  build: async (world) => {
    const t = day(date);
    const environment = await world.environment();
    const booking = await world.book(environment, span(t('09:00'), t('17:00')), {
      priority,
      group: 'payments-qa',
      purpose: 'release 4.2 testing',
    });
    return [
      {
        title: `overlapping the ${priority} booking's last hour`,
        environment,
        span: span(t('16:00'), t('20:00')),
        stored: priority === 'LOW' || priority === 'HIGH',
        expected: [
          {
            type: 'BOOKING_OVERLAP',
            severity,
            relatedRef: { kind: 'BOOKING', id: booking.id },
            window: span(t('16:00'), t('17:00')),
            mentions: [
              environment.key,
              'payments-qa',
              'release 4.2 testing',
              `(${priority})`,
              `${date} 09:00 to 17:00 UTC`,
            ],
          },
        ],
      },
    ];
  },
});

/**
 * A nightly 22:00–06:00 local blackout, recurring daily in `timezone`: on the night of a DST
 * change it still starts at 22:00 and ends at 06:00 local, so it lasts 7 or 9 hours.
 */
const nightlyBlackoutAcrossDst = (
  timezone: string,
  change: string,
  night: { start: string; end: string; described: string },
  nextNight: { start: string; described: string },
): Scenario<RulesWorld> => ({
  name: `BLACKOUT: a nightly 22:00–06:00 blackout in ${timezone} across the DST change of ${change}`,
  build: async (world) => {
    const environment = await world.environment({ timezone });
    const startsAt = timezone === 'Europe/Berlin' ? '2026-01-05T22:00:00+01:00' : '2026-01-05T22:00:00-05:00';
    const blackout = await world.window(
      'BLACKOUT',
      { rrule: 'FREQ=DAILY', duration: 'PT8H', timezone, startsAt },
      { environmentIds: [environment.id] },
      'Nightly batch',
    );
    const minutes = (instant: string, delta: number) =>
      new Date(Date.parse(instant) + delta * 60_000).toISOString();
    const blocked = (
      title: string,
      from: string,
      to: string,
      overlap = span(from, to),
      described = night.described,
    ) => ({
      title,
      environment,
      span: span(from, to),
      expected: [
        {
          type: 'BLACKOUT' as const,
          severity: 'BLOCKING' as const,
          relatedRef: { kind: 'WINDOW' as const, id: blackout.id },
          window: overlap,
          mentions: ['Nightly batch', environment.key, described],
        },
      ],
    });
    const clean = (title: string, from: string, to: string): CheckCase => ({
      title,
      environment,
      span: span(from, to),
      expected: [],
    });
    return [
      blocked(
        'just inside the start of the night (22:00 local)',
        minutes(night.start, -30),
        minutes(night.start, 30),
        span(night.start, minutes(night.start, 30)),
      ),
      blocked(
        'just inside the end of the night (06:00 local)',
        minutes(night.end, -30),
        minutes(night.end, 30),
        span(minutes(night.end, -30), night.end),
      ),
      clean('the hour before 22:00 local', minutes(night.start, -60), night.start),
      clean('the hour after 06:00 local', night.end, minutes(night.end, 60)),
      clean(
        'the hour before 22:00 local the night after the change',
        minutes(nextNight.start, -60),
        nextNight.start,
      ),
      blocked(
        'just inside 22:00 local the night after the change',
        minutes(nextNight.start, -30),
        minutes(nextNight.start, 30),
        span(nextNight.start, minutes(nextNight.start, 30)),
        nextNight.described,
      ),
    ];
  },
});

const SCENARIOS: Scenario<RulesWorld>[] = [
  {
    name: 'INTENT_OVERLAP: another REQUESTED intent overlapping → WARNING',
    build: async (world) => {
      const t = day('2031-02-03');
      const environment = await world.environment();
      const other = await world.intent('REQUESTED', environment, span(t('10:00'), t('14:00')));
      return [
        {
          title: "overlapping the other request's last two hours",
          environment,
          span: span(t('12:00'), t('16:00')),
          stored: true,
          expected: [
            {
              type: 'INTENT_OVERLAP',
              severity: 'WARNING',
              relatedRef: { kind: 'INTENT', id: other.id },
              window: span(t('12:00'), t('14:00')),
              mentions: [environment.key, 'REQUESTED', COLLEAGUE, '2031-02-03 10:00 to 14:00 UTC'],
            },
          ],
        },
      ];
    },
  },
  intentOverlapBlocking('APPROVED', '2031-02-05'),
  intentOverlapBlocking('SCHEDULED', '2031-02-07'),
  intentOverlapBlocking('IN_PROGRESS', '2031-02-09'),
  {
    name: 'INTENT_OVERLAP: DRAFT, REJECTED, CANCELLED and COMPLETED intents do not conflict',
    build: async (world) => {
      const t = day('2031-02-11');
      const environment = await world.environment();
      for (const status of ['DRAFT', 'REJECTED', 'CANCELLED', 'COMPLETED'] as IntentStatus[]) {
        await world.intent(status, environment, span(t('10:00'), t('14:00')));
      }
      return [{ title: 'over all four', environment, span: span(t('09:00'), t('15:00')), expected: [] }];
    },
  },
  bookingOverlap('LOW', 'WARNING', '2031-02-13'),
  bookingOverlap('MEDIUM', 'WARNING', '2031-02-15'),
  bookingOverlap('HIGH', 'BLOCKING', '2031-02-17'),
  bookingOverlap('CRITICAL', 'BLOCKING', '2031-02-19'),
  {
    name: 'BOOKING_OVERLAP: a cancelled booking and a booking of another environment do not conflict',
    build: async (world) => {
      const t = day('2031-02-21');
      const [environment, elsewhere] = [await world.environment(), await world.environment()];
      await world.cancelBooking(
        await world.book(environment, span(t('09:00'), t('17:00')), { priority: 'CRITICAL' }),
      );
      await world.book(elsewhere, span(t('09:00'), t('17:00')), { priority: 'CRITICAL' });
      return [{ title: 'inside both', environment, span: span(t('10:00'), t('12:00')), expected: [] }];
    },
  },
  {
    name: 'BLACKOUT: a blackout scoped to the environment by id → BLOCKING; other environments are free',
    build: async (world) => {
      const t = day('2031-03-03');
      const [environment, elsewhere] = [await world.environment(), await world.environment()];
      const blackout = await world.window(
        'BLACKOUT',
        { start: t('01:00'), end: t('05:00') },
        { environmentIds: [environment.id] },
        'Quarter-end close',
      );
      return [
        {
          title: "overlapping the blackout's last hour",
          environment,
          span: span(t('04:00'), t('06:00')),
          stored: true,
          expected: [
            {
              type: 'BLACKOUT',
              severity: 'BLOCKING',
              relatedRef: { kind: 'WINDOW', id: blackout.id },
              window: span(t('04:00'), t('05:00')),
              mentions: ['Quarter-end close', environment.key, '2031-03-03 01:00 to 05:00 UTC'],
            },
          ],
        },
        {
          title: 'the same window elsewhere',
          environment: elsewhere,
          span: span(t('04:00'), t('06:00')),
          expected: [],
        },
      ];
    },
  },
  {
    name: 'BLACKOUT: a blackout scoped to a tier → BLOCKING for that tier only',
    build: async (world) => {
      const t = day('2031-03-05');
      const training = await world.environment({ tier: 'TRAINING' });
      const qa = await world.environment({ tier: 'QA' });
      const blackout = await world.window(
        'BLACKOUT',
        { start: t('08:00'), end: t('18:00') },
        { tiers: ['TRAINING'] },
        'Training week',
      );
      return [
        {
          title: 'a TRAINING environment',
          environment: training,
          span: span(t('17:00'), t('19:00')),
          expected: [
            {
              type: 'BLACKOUT',
              severity: 'BLOCKING',
              relatedRef: { kind: 'WINDOW', id: blackout.id },
              window: span(t('17:00'), t('18:00')),
              mentions: ['Training week', training.key, '2031-03-05 08:00 to 18:00 UTC'],
            },
          ],
        },
        { title: 'a QA environment', environment: qa, span: span(t('17:00'), t('19:00')), expected: [] },
      ];
    },
  },
  {
    name: 'BLACKOUT: a global blackout (empty scope) → BLOCKING for every environment',
    build: async (world) => {
      const t = day('2031-03-07');
      const qa = await world.environment({ tier: 'QA' });
      const perf = await world.environment({ tier: 'PERF' });
      const blackout = await world.window(
        'BLACKOUT',
        { start: t('00:00'), end: t('24:00') },
        {},
        'Company-wide freeze',
      );
      return [qa, perf].map((environment) => ({
        title: `${environment.tier} across midnight`,
        environment,
        span: span(t('23:00'), t('25:00')),
        stored: environment === perf,
        expected: [
          {
            type: 'BLACKOUT' as const,
            severity: 'BLOCKING' as const,
            relatedRef: { kind: 'WINDOW' as const, id: blackout.id },
            window: span(t('23:00'), t('24:00')),
            mentions: ['Company-wide freeze', environment.key, '2031-03-07 00:00 to 2031-03-08 00:00 UTC'],
          },
        ],
      }));
    },
  },
  {
    name: "OUTSIDE_MAINTENANCE: the environment's own recurring maintenance window → WARNING outside it",
    build: async (world) => {
      const t = day('2031-03-11');
      const environment = await world.environment({
        maintenanceWindows: [
          {
            name: 'Nightly maintenance',
            rrule: 'FREQ=DAILY',
            duration: 'PT6H',
            timezone: 'UTC',
            startsAt: '2031-01-01T00:00:00Z',
          },
        ],
      });
      const outside = (from: string, to: string) => ({
        type: 'OUTSIDE_MAINTENANCE' as const,
        severity: 'WARNING' as const,
        relatedRef: { kind: 'ENVIRONMENT' as const, id: environment.id },
        window: span(from, to),
        mentions: [environment.key],
      });
      return [
        { title: 'inside', environment, span: span(t('01:00'), t('05:00')), expected: [] },
        { title: 'exactly the window', environment, span: span(t('00:00'), t('06:00')), expected: [] },
        {
          title: 'running two hours past its end',
          environment,
          span: span(t('04:00'), t('08:00')),
          stored: true,
          expected: [
            {
              ...outside(t('06:00'), t('08:00')),
              mentions: [environment.key, '2031-03-11 06:00 to 08:00 UTC'],
            },
          ],
        },
        {
          title: 'from inside one night into the next',
          environment,
          span: span(t('04:00'), t('31:00')),
          expected: [outside(t('06:00'), t('31:00'))],
        },
      ];
    },
  },
  {
    name: 'OUTSIDE_MAINTENANCE: MAINTENANCE window resources scoped to the environment → WARNING outside them',
    build: async (world) => {
      const t = day('2031-03-13');
      const [environment, elsewhere] = [await world.environment(), await world.environment()];
      await world.window(
        'MAINTENANCE',
        { start: t('22:00'), end: t('26:00') },
        { environmentIds: [environment.id] },
        'Patch night',
      );
      await world.window(
        'MAINTENANCE',
        { start: t('26:00'), end: t('28:00') },
        { environmentIds: [environment.id] },
        'Patch night, second half',
      );
      const outside = (from: string, to: string) => ({
        type: 'OUTSIDE_MAINTENANCE' as const,
        severity: 'WARNING' as const,
        relatedRef: { kind: 'ENVIRONMENT' as const, id: environment.id },
        window: span(from, to),
        mentions: [environment.key],
      });
      return [
        {
          title: 'across the two touching windows',
          environment,
          span: span(t('23:00'), t('27:00')),
          expected: [],
        },
        {
          title: 'starting an hour before the first',
          environment,
          span: span(t('21:00'), t('23:00')),
          stored: true,
          expected: [outside(t('21:00'), t('22:00'))],
        },
        {
          title: 'ending an hour after the second',
          environment,
          span: span(t('27:00'), t('29:00')),
          expected: [outside(t('28:00'), t('29:00'))],
        },
        {
          title: 'an environment without maintenance windows',
          environment: elsewhere,
          span: span(t('21:00'), t('23:00')),
          expected: [],
        },
      ];
    },
  },
  {
    name: 'DEPENDENCY upstream: an intent, a booking and a blackout on what the environment depends on → WARNING',
    build: async (world) => {
      const t = day('2031-04-01');
      const upstream = await world.environment();
      const downstream = await world.environment({ dependsOn: [upstream.key] });
      const other = await world.intent('REQUESTED', upstream, span(t('10:00'), t('14:00')));
      const booking = await world.book(upstream, span(t('15:00'), t('17:00')), {
        priority: 'CRITICAL',
        group: 'data-team',
        purpose: 'load test',
      });
      const blackout = await world.window(
        'BLACKOUT',
        { start: t('08:00'), end: t('12:30') },
        { environmentIds: [upstream.id] },
        'Database upgrade',
      );
      const relation = `${upstream.key}, which ${downstream.key} depends on`;
      return [
        {
          title: 'the dependent environment',
          environment: downstream,
          span: span(t('12:00'), t('16:00')),
          stored: true,
          expected: [
            {
              type: 'DEPENDENCY',
              severity: 'WARNING',
              relatedRef: { kind: 'INTENT', id: other.id, environmentId: upstream.id },
              window: span(t('12:00'), t('14:00')),
              mentions: [relation, COLLEAGUE, '2031-04-01 10:00 to 14:00 UTC'],
            },
            {
              type: 'DEPENDENCY',
              severity: 'WARNING',
              relatedRef: { kind: 'BOOKING', id: booking.id, environmentId: upstream.id },
              window: span(t('15:00'), t('16:00')),
              mentions: [relation, 'data-team', 'load test', '(CRITICAL)', '2031-04-01 15:00 to 17:00 UTC'],
            },
            {
              type: 'DEPENDENCY',
              severity: 'WARNING',
              relatedRef: { kind: 'WINDOW', id: blackout.id, environmentId: upstream.id },
              window: span(t('12:00'), t('12:30')),
              mentions: [relation, 'Database upgrade', '2031-04-01 08:00 to 12:30 UTC'],
            },
          ],
        },
        {
          title: 'the same causes on the environment itself',
          environment: upstream,
          span: span(t('12:00'), t('16:00')),
          expected: [
            {
              type: 'INTENT_OVERLAP',
              severity: 'WARNING',
              relatedRef: { kind: 'INTENT', id: other.id },
              window: span(t('12:00'), t('14:00')),
              mentions: [COLLEAGUE],
            },
            {
              type: 'BOOKING_OVERLAP',
              severity: 'BLOCKING',
              relatedRef: { kind: 'BOOKING', id: booking.id },
              window: span(t('15:00'), t('16:00')),
              mentions: ['data-team'],
            },
            {
              type: 'BLACKOUT',
              severity: 'BLOCKING',
              relatedRef: { kind: 'WINDOW', id: blackout.id },
              window: span(t('12:00'), t('12:30')),
              mentions: ['Database upgrade'],
            },
          ],
        },
      ];
    },
  },
  {
    name: 'DEPENDENCY downstream: an APPROVED intent and a booking on an environment that depends on this one → WARNING',
    build: async (world) => {
      const t = day('2031-04-03');
      const upstream = await world.environment();
      const downstream = await world.environment({ dependsOn: [upstream.key] });
      const other = await world.intent('APPROVED', downstream, span(t('10:00'), t('14:00')));
      const booking = await world.book(downstream, span(t('14:30'), t('16:00')), {
        priority: 'LOW',
        group: 'web-qa',
      });
      const relation = `${downstream.key}, which depends on ${upstream.key}`;
      return [
        {
          title: 'the environment depended on',
          environment: upstream,
          span: span(t('13:00'), t('15:00')),
          stored: true,
          expected: [
            {
              type: 'DEPENDENCY',
              severity: 'WARNING',
              relatedRef: { kind: 'INTENT', id: other.id, environmentId: downstream.id },
              window: span(t('13:00'), t('14:00')),
              mentions: [relation, 'APPROVED', COLLEAGUE, '2031-04-03 10:00 to 14:00 UTC'],
            },
            {
              type: 'DEPENDENCY',
              severity: 'WARNING',
              relatedRef: { kind: 'BOOKING', id: booking.id, environmentId: downstream.id },
              window: span(t('14:30'), t('15:00')),
              mentions: [relation, 'web-qa', '(LOW)'],
            },
          ],
        },
      ];
    },
  },
  {
    name: 'DEPENDENCY three levels away (a → b → c → d), both directions, naming the path',
    build: async (world) => {
      const t = day('2031-04-05');
      const d = await world.environment();
      const c = await world.environment({ dependsOn: [d.key] });
      const b = await world.environment({ dependsOn: [c.key] });
      const a = await world.environment({ dependsOn: [b.key] });
      const onD = await world.intent('REQUESTED', d, span(t('10:00'), t('14:00')));
      const onA = await world.intent('REQUESTED', a, span(t('18:00'), t('20:00')));
      const path = `${a.key} → ${b.key} → ${c.key} → ${d.key}`;
      return [
        {
          title: 'a, with an intent on d',
          environment: a,
          span: span(t('12:00'), t('16:00')),
          stored: true,
          expected: [
            {
              type: 'DEPENDENCY',
              severity: 'WARNING',
              relatedRef: { kind: 'INTENT', id: onD.id, environmentId: d.id },
              window: span(t('12:00'), t('14:00')),
              mentions: [`${d.key}, which ${a.key} depends on`, path, COLLEAGUE],
            },
          ],
        },
        {
          title: 'd, with an intent on a',
          environment: d,
          span: span(t('19:00'), t('21:00')),
          expected: [
            {
              type: 'DEPENDENCY',
              severity: 'WARNING',
              relatedRef: { kind: 'INTENT', id: onA.id, environmentId: a.id },
              window: span(t('19:00'), t('20:00')),
              mentions: [`${a.key}, which depends on ${d.key}`, path, COLLEAGUE],
            },
          ],
        },
      ];
    },
  },
  {
    name: 'DEPENDENCY over a diamond (top → left, right → bottom): one conflict per cause, not one per path',
    build: async (world) => {
      const t = day('2031-04-07');
      const bottom = await world.environment();
      const left = await world.environment({ dependsOn: [bottom.key] });
      const right = await world.environment({ dependsOn: [bottom.key] });
      const top = await world.environment({ dependsOn: [left.key, right.key] });
      const onBottom = await world.intent('REQUESTED', bottom, span(t('10:00'), t('14:00')));
      const booking = await world.book(bottom, span(t('11:00'), t('13:00')), { priority: 'HIGH' });
      const bottomBlackout = await world.window(
        'BLACKOUT',
        { start: t('13:00'), end: t('15:00') },
        { environmentIds: [bottom.id] },
        'Storage migration',
      );
      const sidesBlackout = await world.window(
        'BLACKOUT',
        { start: t('15:30'), end: t('16:30') },
        { environmentIds: [left.id, right.id] },
        'API freeze',
      );
      const nearestSide = [left, right].sort((x, y) => x.key.localeCompare(y.key))[0];
      const onTop = await world.intent('REQUESTED', top, span(t('20:00'), t('22:00')));
      const viaBottom = (kind: 'INTENT' | 'BOOKING' | 'WINDOW', id: string, from: string, to: string) => ({
        type: 'DEPENDENCY' as const,
        severity: 'WARNING' as const,
        relatedRef: { kind, id, environmentId: bottom.id },
        window: span(from, to),
        mentions: [`${bottom.key}, which ${top.key} depends on (${top.key} → `, ` → ${bottom.key})`],
      });
      return [
        {
          title: 'top, with an intent, a booking and a blackout on bottom and a blackout over both sides',
          environment: top,
          span: span(t('12:00'), t('16:00')),
          stored: true,
          expected: [
            viaBottom('INTENT', onBottom.id, t('12:00'), t('14:00')),
            viaBottom('BOOKING', booking.id, t('12:00'), t('13:00')),
            viaBottom('WINDOW', bottomBlackout.id, t('13:00'), t('15:00')),
            {
              type: 'DEPENDENCY',
              severity: 'WARNING',
              relatedRef: { kind: 'WINDOW', id: sidesBlackout.id, environmentId: nearestSide.id },
              window: span(t('15:30'), t('16:00')),
              mentions: [`${nearestSide.key}, which ${top.key} depends on`, 'API freeze'],
            },
          ],
        },
        {
          title: 'bottom, with an intent on top',
          environment: bottom,
          span: span(t('21:00'), t('23:00')),
          expected: [
            {
              type: 'DEPENDENCY',
              severity: 'WARNING',
              relatedRef: { kind: 'INTENT', id: onTop.id, environmentId: top.id },
              window: span(t('21:00'), t('22:00')),
              mentions: [`${top.key}, which depends on ${bottom.key}`, COLLEAGUE],
            },
          ],
        },
      ];
    },
  },
  {
    name: 'SOURCE_CONTENTION: another intent reading the same source environment → WARNING',
    build: async (world) => {
      const t = day('2031-05-01');
      const source = await world.environment({ tier: 'STAGING' });
      const otherSource = await world.environment({ tier: 'STAGING' });
      const [reader, candidate] = [await world.environment(), await world.environment()];
      const other = await world.intent('REQUESTED', reader, span(t('10:00'), t('14:00')), {
        source: { environmentId: source.id },
      });
      const contention = (relatedRef: { kind: 'INTENT'; id: string; environmentId?: string }) => ({
        type: 'SOURCE_CONTENTION' as const,
        severity: 'WARNING' as const,
        relatedRef,
        window: span(t('12:00'), t('14:00')),
        // Keys, not ids: a person acts on "qa-7 reads from staging-2", not on two UUIDs.
        mentions: [
          COLLEAGUE,
          '2031-05-01 10:00 to 14:00 UTC',
          reader.key,
          `source environment ${source.key}`,
        ],
      });
      return [
        {
          title: 'another environment reading the same source',
          environment: candidate,
          span: span(t('12:00'), t('16:00')),
          source: { environmentId: source.id },
          stored: true,
          expected: [contention({ kind: 'INTENT', id: other.id, environmentId: reader.id })],
        },
        {
          title: 'another environment reading another source',
          environment: candidate,
          span: span(t('12:00'), t('16:00')),
          source: { environmentId: otherSource.id },
          expected: [],
        },
        {
          title: 'another environment, no source given',
          environment: candidate,
          span: span(t('12:00'), t('16:00')),
          expected: [],
        },
        {
          title: 'the same environment reading the same source: both rules',
          environment: reader,
          span: span(t('12:00'), t('16:00')),
          source: { environmentId: source.id },
          expected: [
            {
              type: 'INTENT_OVERLAP',
              severity: 'WARNING',
              relatedRef: { kind: 'INTENT', id: other.id },
              window: span(t('12:00'), t('14:00')),
              mentions: [COLLEAGUE],
            },
            contention({ kind: 'INTENT', id: other.id }),
          ],
        },
      ];
    },
  },
  {
    name: 'SOURCE_CONTENTION: another intent restoring the same snapshot → WARNING, even when approved',
    build: async (world) => {
      const t = day('2031-05-03');
      const snapshot = `prod-2031-05-01-masked-${randomUUID().slice(0, 8)}`;
      const [reader, candidate] = [await world.environment(), await world.environment()];
      const other = await world.intent('APPROVED', reader, span(t('10:00'), t('14:00')), {
        source: { snapshot },
      });
      return [
        {
          title: 'the same snapshot',
          environment: candidate,
          span: span(t('13:00'), t('15:00')),
          source: { snapshot },
          stored: true,
          expected: [
            {
              type: 'SOURCE_CONTENTION',
              severity: 'WARNING',
              relatedRef: { kind: 'INTENT', id: other.id, environmentId: reader.id },
              window: span(t('13:00'), t('14:00')),
              mentions: [COLLEAGUE, `snapshot ${snapshot}`, 'APPROVED', reader.key],
            },
          ],
        },
        {
          title: 'another snapshot',
          environment: candidate,
          span: span(t('13:00'), t('15:00')),
          source: { snapshot: `${snapshot}-b` },
          expected: [],
        },
      ];
    },
  },
  {
    name: 'back-to-back windows do not conflict: [start, end) is half-open',
    build: async (world) => {
      const t = day('2031-05-05');
      const environment = await world.environment();
      const neighbour = await world.environment({ dependsOn: [environment.key] });
      const approved = await world.intent('APPROVED', environment, span(t('10:00'), t('12:00')));
      const booking = await world.book(environment, span(t('14:00'), t('16:00')), { priority: 'HIGH' });
      await world.window(
        'BLACKOUT',
        { start: t('16:00'), end: t('18:00') },
        { environmentIds: [environment.id] },
      );
      await world.intent('REQUESTED', neighbour, span(t('20:00'), t('22:00')));
      return [
        {
          title: 'between the intent and the booking',
          environment,
          span: span(t('12:00'), t('14:00')),
          expected: [],
        },
        {
          title: 'ending as the intent starts',
          environment,
          span: span(t('08:00'), t('10:00')),
          expected: [],
        },
        {
          title: 'between the blackout and the dependent intent',
          environment,
          span: span(t('18:00'), t('20:00')),
          expected: [],
        },
        {
          title: 'one minute more on each side',
          environment,
          span: span(t('11:59'), t('14:01')),
          stored: true,
          expected: [
            {
              type: 'INTENT_OVERLAP',
              severity: 'BLOCKING',
              relatedRef: { kind: 'INTENT', id: approved.id },
              window: span(t('11:59'), t('12:00')),
              mentions: [COLLEAGUE],
            },
            {
              type: 'BOOKING_OVERLAP',
              severity: 'BLOCKING',
              relatedRef: { kind: 'BOOKING', id: booking.id },
              window: span(t('14:00'), t('14:01')),
              mentions: ['payments-qa'],
            },
          ],
        },
      ];
    },
  },
  nightlyBlackoutAcrossDst(
    'Europe/Berlin',
    '2026-03-29 (spring forward)',
    {
      start: '2026-03-28T21:00:00Z',
      end: '2026-03-29T04:00:00Z',
      described: '2026-03-28 21:00 to 2026-03-29 04:00 UTC',
    },
    { start: '2026-03-29T20:00:00Z', described: '2026-03-29 20:00 to 2026-03-30 04:00 UTC' },
  ),
  nightlyBlackoutAcrossDst(
    'Europe/Berlin',
    '2026-10-25 (fall back)',
    {
      start: '2026-10-24T20:00:00Z',
      end: '2026-10-25T05:00:00Z',
      described: '2026-10-24 20:00 to 2026-10-25 05:00 UTC',
    },
    { start: '2026-10-25T21:00:00Z', described: '2026-10-25 21:00 to 2026-10-26 05:00 UTC' },
  ),
  nightlyBlackoutAcrossDst(
    'America/New_York',
    '2026-03-08 (spring forward)',
    {
      start: '2026-03-08T03:00:00Z',
      end: '2026-03-08T10:00:00Z',
      described: '2026-03-08 03:00 to 10:00 UTC',
    },
    { start: '2026-03-09T02:00:00Z', described: '2026-03-09 02:00 to 10:00 UTC' },
  ),
  nightlyBlackoutAcrossDst(
    'America/New_York',
    '2026-11-01 (fall back)',
    {
      start: '2026-11-01T02:00:00Z',
      end: '2026-11-01T11:00:00Z',
      described: '2026-11-01 02:00 to 11:00 UTC',
    },
    { start: '2026-11-02T03:00:00Z', described: '2026-11-02 03:00 to 11:00 UTC' },
  ),
  {
    name: 'BLACKOUT: a monthly blackout on the last business day (FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1)',
    build: async (world) => {
      const environment = await world.environment();
      const blackout = await world.window(
        'BLACKOUT',
        {
          rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
          duration: 'P1D',
          timezone: 'Europe/Berlin',
          startsAt: '2031-01-01T00:00:00+01:00',
        },
        { environmentIds: [environment.id] },
        'Month-end close',
      );
      const blocked = (
        title: string,
        from: string,
        to: string,
        overlap: [string, string],
        described: string,
      ) => ({
        title,
        environment,
        span: span(from, to),
        stored: title.startsWith('Friday 30 May'),
        expected: [
          {
            type: 'BLACKOUT' as const,
            severity: 'BLOCKING' as const,
            relatedRef: { kind: 'WINDOW' as const, id: blackout.id },
            window: span(...overlap),
            mentions: ['Month-end close', environment.key, described],
          },
        ],
      });
      const may = '2031-05-29 22:00 to 2031-05-30 22:00 UTC';
      return [
        blocked(
          'Friday 30 May 2031, midday',
          '2031-05-30T10:00:00Z',
          '2031-05-30T12:00:00Z',
          ['2031-05-30T10:00:00Z', '2031-05-30T12:00:00Z'],
          may,
        ),
        blocked(
          'Friday 30 May 2031, the last local hour',
          '2031-05-30T21:00:00Z',
          '2031-05-30T23:00:00Z',
          ['2031-05-30T21:00:00Z', '2031-05-30T22:00:00Z'],
          may,
        ),
        {
          title: 'Thursday 29 May 2031, the evening before',
          environment,
          span: span('2031-05-29T20:00:00Z', '2031-05-29T22:00:00Z'),
          expected: [],
        },
        {
          title: 'Saturday 31 May 2031, the last day of the month',
          environment,
          span: span('2031-05-31T08:00:00Z', '2031-05-31T12:00:00Z'),
          expected: [],
        },
        blocked(
          'Friday 29 August 2031',
          '2031-08-29T10:00:00Z',
          '2031-08-29T12:00:00Z',
          ['2031-08-29T10:00:00Z', '2031-08-29T12:00:00Z'],
          '2031-08-28 22:00 to 2031-08-29 22:00 UTC',
        ),
        {
          title: 'Sunday 31 August 2031',
          environment,
          span: span('2031-08-31T10:00:00Z', '2031-08-31T12:00:00Z'),
          expected: [],
        },
        blocked(
          'Friday 28 November 2031 (winter time)',
          '2031-11-28T10:00:00Z',
          '2031-11-28T12:00:00Z',
          ['2031-11-28T10:00:00Z', '2031-11-28T12:00:00Z'],
          '2031-11-27 23:00 to 2031-11-28 23:00 UTC',
        ),
        {
          title: 'Thursday 27 November 2031',
          environment,
          span: span('2031-11-27T10:00:00Z', '2031-11-27T12:00:00Z'),
          expected: [],
        },
      ];
    },
  },
];

describe('conflict rules, scenario by scenario, through the API', () => {
  const suite = useApiSuite();
  let world: RulesWorld;

  beforeAll(async () => {
    // Scenarios build APPROVED intents and name that status; the real scheduling service would
    // move them on to SCHEDULED between a dry run and the stored conflict it is compared with.
    await stopScheduling(suite);
    world = new RulesWorld(suite);
  });

  it.each(SCENARIOS)('$name', async ({ build }) => {
    const cases = await build(world);
    const checked = new Map<CheckCase, Awaited<ReturnType<RulesWorld['check']>>>();
    for (const check of cases) {
      const answer = await world.check(
        check.environment,
        check.span,
        check.source ? { source: check.source } : {},
      );
      expectFindings(check.title, answer.conflicts, check.expected);
      expect({ check: check.title, blocking: answer.blocking }).toEqual({
        check: check.title,
        blocking: check.expected.some((conflict) => conflict.severity === 'BLOCKING'),
      });
      checked.set(check, answer);
    }
    // Filed last, so that none of them is part of the picture an earlier check judged.
    for (const check of cases.filter((each) => each.stored)) {
      const intent = await world.requested(
        check.environment,
        check.span,
        check.source ? { source: check.source } : {},
      );
      await world.eventuallyConflicts(intent, (stored) =>
        expectStoredAsChecked(check.title, stored, checked.get(check)!.conflicts, intent),
      );
    }
  });
});
