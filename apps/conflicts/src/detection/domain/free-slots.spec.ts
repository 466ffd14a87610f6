import fc from 'fast-check';
import {
  BOOKING_PRIORITIES,
  CONFLICT_TYPES,
  ConflictSeverity,
  ConflictType,
  INTENT_STATUSES,
} from '@envrefresh/contracts';
import { DomainError, TOO_MUCH_WORK, WorkBudget } from '@envrefresh/kernel';
import { evaluate } from './evaluate';
import { FreeSlot, findFreeSlots } from './free-slots';
import { Interval } from '@envrefresh/recurrence';
import { DEFAULT_RULE_SET, parseRuleSet, RuleSet, RuleSetting } from './rule-set';
import {
  API,
  booking,
  DB,
  intent,
  MOBILE,
  occurrence,
  PORTAL,
  situation,
  span,
  TARGET,
} from './rules/situation.fixture';
import { Situation, SourceRef } from './situation';

const HOUR = 3_600_000;
const slotTimes = (slots: FreeSlot[]) =>
  slots.map((slot) =>
    [slot.start, slot.end, slot.availableUntil].map((date) => date.toISOString().slice(11, 16)),
  );

describe('findFreeSlots', () => {
  const day = span('00:00', '10:00');

  it('proposes the earliest start of each free gap, with how long the gap lasts', () => {
    const world = situation({
      intents: [intent(span('02:00', '04:00'))],
      bookings: [booking(span('06:00', '07:00'), { priority: 'LOW' })],
    });
    const slots = findFreeSlots({
      durationMs: HOUR,
      range: day,
      limit: 5,
      situation: world,
      ruleSet: DEFAULT_RULE_SET,
    });
    expect(slotTimes(slots)).toEqual([
      ['00:00', '01:00', '02:00'],
      ['04:00', '05:00', '06:00'],
      ['07:00', '08:00', '10:00'],
    ]);
  });

  it("stops with the request's 422 once the search has taken longer than its budget of work", () => {
    // Ten free half hours: ten steps of the search, each 30 ms on this clock.
    const world = situation({
      bookings: Array.from({ length: 10 }, (_, hour) =>
        booking(span(`0${hour}:30`, `0${hour + 1}:00`.slice(-5)), { id: `b${hour}` }),
      ),
    });
    const query = {
      durationMs: 20 * 60_000,
      range: day,
      limit: 10,
      situation: world,
      ruleSet: DEFAULT_RULE_SET,
    };
    expect(findFreeSlots(query)).toHaveLength(10);

    let now = 0;
    const budget = new WorkBudget(
      { what: 'the slot search', remedy: 'narrow from and to' },
      { occurrences: 1_000, workMs: 100 },
      () => (now += 30),
    );
    let refusal: unknown;
    try {
      findFreeSlots({ ...query, budget });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      kind: 'unprocessable',
      code: TOO_MUCH_WORK,
      message: 'the slot search takes more than 100 ms of work; narrow from and to',
    });
  });

  it('skips gaps too short for the duration and stops at the limit', () => {
    const world = situation({
      intents: [intent(span('01:00', '04:00')), intent(span('05:00', '06:00'), { id: 'i2' })],
    });
    const slots = findFreeSlots({
      durationMs: 2 * HOUR,
      range: day,
      limit: 1,
      situation: world,
      ruleSet: DEFAULT_RULE_SET,
    });
    expect(slotTimes(slots)).toEqual([['06:00', '08:00', '10:00']]);
    expect(
      findFreeSlots({
        durationMs: 11 * HOUR,
        range: day,
        limit: 3,
        situation: world,
        ruleSet: DEFAULT_RULE_SET,
      }),
    ).toEqual([]);
  });

  it('stays inside the maintenance windows, two touching ones counting as one', () => {
    const world = situation({
      targetHasMaintenanceWindows: true,
      maintenance: [
        occurrence(span('01:00', '02:00'), { kind: 'MAINTENANCE', windowId: 'm1' }),
        occurrence(span('05:00', '06:00'), { kind: 'MAINTENANCE', windowId: 'm2' }),
        occurrence(span('06:00', '07:00'), { kind: 'MAINTENANCE', windowId: 'm3' }),
      ],
    });
    const slots = findFreeSlots({
      durationMs: 2 * HOUR,
      range: day,
      limit: 5,
      situation: world,
      ruleSet: DEFAULT_RULE_SET,
    });
    expect(slotTimes(slots)).toEqual([['05:00', '07:00', '07:00']]);
    const anywhere = findFreeSlots({
      durationMs: 2 * HOUR,
      range: day,
      limit: 5,
      situation: world,
      ruleSet: parseRuleSet('OUTSIDE_MAINTENANCE=off'),
    });
    expect(slotTimes(anywhere)).toEqual([['00:00', '02:00', '10:00']]);
  });

  it('keeps clear of related environments and of intents reading the same source', () => {
    const world = situation({
      related: [DB],
      intents: [
        intent(span('00:00', '02:00'), { environmentId: DB.id }),
        intent(span('02:00', '03:00'), {
          id: 'i2',
          environmentId: 'env-far',
          source: { snapshot: 'snap-1' },
        }),
      ],
    });
    const query = { durationMs: HOUR, range: day, limit: 1, situation: world, ruleSet: DEFAULT_RULE_SET };
    expect(slotTimes(findFreeSlots(query))).toEqual([['02:00', '03:00', '10:00']]);
    expect(slotTimes(findFreeSlots({ ...query, source: { snapshot: 'snap-1' } }))).toEqual([
      ['03:00', '04:00', '10:00'],
    ]);
    expect(slotTimes(findFreeSlots({ ...query, ruleSet: parseRuleSet('DEPENDENCY=off') }))).toEqual([
      ['00:00', '01:00', '10:00'],
    ]);
  });

  it('finds nothing for a zero duration or a zero limit', () => {
    expect(
      findFreeSlots({
        durationMs: 0,
        range: day,
        limit: 5,
        situation: situation(),
        ruleSet: DEFAULT_RULE_SET,
      }),
    ).toEqual([]);
    expect(
      findFreeSlots({
        durationMs: HOUR,
        range: day,
        limit: 0,
        situation: situation(),
        ruleSet: DEFAULT_RULE_SET,
      }),
    ).toEqual([]);
  });

  describe('never proposes what the check refuses, and misses no free gap (random calendars)', () => {
    // Three days on a 15-minute grid; everything starts and ends on it, so checking every grid
    // start finds every free one.
    const STEP = 15 * 60_000;
    const RANGE = span('00:00', '72:00');
    const UNITS = (RANGE.end.getTime() - RANGE.start.getTime()) / STEP;
    const at = (unit: number) => new Date(RANGE.start.getTime() + unit * STEP);
    const ENVIRONMENTS = [TARGET.id, API.id, DB.id, PORTAL.id, MOBILE.id, 'env-elsewhere'];

    const anInterval = fc
      .tuple(fc.integer({ min: -20, max: UNITS + 4 }), fc.integer({ min: 0, max: 40 }))
      .map(([from, length]): Interval => ({ start: at(from), end: at(from + length) }));
    const anEnvironment = fc.constantFrom(...ENVIRONMENTS);
    const aSource: fc.Arbitrary<SourceRef> = fc.record(
      { environmentId: fc.constantFrom('src-a', 'src-b'), snapshot: fc.constantFrom('snap-1', 'snap-2') },
      { requiredKeys: [] },
    );
    const aSetting: fc.Arbitrary<RuleSetting> = fc.oneof(
      fc.constant({ enabled: true }),
      fc.constant({ enabled: false }),
      fc
        .constantFrom<ConflictSeverity>('BLOCKING', 'WARNING')
        .map((severity) => ({ enabled: true, severity })),
    );
    const aRuleSet: fc.Arbitrary<RuleSet> = fc
      .tuple(...CONFLICT_TYPES.map(() => aSetting))
      .map(
        (settings) =>
          Object.fromEntries(CONFLICT_TYPES.map((type, i) => [type, settings[i]])) as Record<
            ConflictType,
            RuleSetting
          >,
      );

    const aSituation: fc.Arbitrary<Situation> = fc
      .record({
        related: fc.subarray([API, DB, PORTAL, MOBILE]),
        intents: fc.array(
          fc.record({
            window: anInterval,
            environmentId: anEnvironment,
            status: fc.constantFrom(...INTENT_STATUSES),
            source: fc.option(aSource, { nil: undefined }),
          }),
          { maxLength: 8 },
        ),
        bookings: fc.array(
          fc.record({
            window: anInterval,
            environmentId: anEnvironment,
            priority: fc.constantFrom(...BOOKING_PRIORITIES),
          }),
          { maxLength: 5 },
        ),
        blackouts: fc.array(
          fc.record({
            window: anInterval,
            windowId: fc.constantFrom('w1', 'w2', 'w3'),
            covered: fc.subarray(ENVIRONMENTS, { minLength: 1 }),
          }),
          { maxLength: 5 },
        ),
        maintenance: fc.array(anInterval, { maxLength: 6 }),
        targetHasMaintenanceWindows: fc.boolean(),
      })
      .map((world) =>
        situation({
          span: RANGE,
          related: world.related,
          intents: world.intents.map(({ window, ...rest }, i) =>
            intent(window, { ...rest, id: `intent-${i}` }),
          ),
          bookings: world.bookings.map(({ window, ...rest }, i) =>
            booking(window, { ...rest, id: `booking-${i}` }),
          ),
          blackouts: world.blackouts.map(({ window, windowId, covered }) =>
            occurrence(window, { windowId, coveredEnvironmentIds: covered }),
          ),
          maintenance: world.maintenance.map((window, i) =>
            occurrence(window, { kind: 'MAINTENANCE', windowId: `m${i}`, origin: 'ENVIRONMENT' }),
          ),
          targetHasMaintenanceWindows: world.targetHasMaintenanceWindows,
        }),
      );

    it('holds for every generated calendar', () => {
      fc.assert(
        fc.property(
          aSituation,
          aRuleSet,
          fc.option(aSource, { nil: undefined }),
          fc.integer({ min: 1, max: 24 }),
          fc.integer({ min: 1, max: 4 }),
          (world, ruleSet, source, durationUnits, limit) => {
            const durationMs = durationUnits * STEP;
            const slots = findFreeSlots({
              durationMs,
              range: RANGE,
              limit,
              situation: world,
              ruleSet,
              source,
            });
            const check = (window: Interval) =>
              evaluate({ environmentId: TARGET.id, window, ...(source ? { source } : {}) }, world, ruleSet);

            expect(slots.length).toBeLessThanOrEqual(limit);
            slots.forEach((slot, i) => {
              expect(slot.end.getTime() - slot.start.getTime()).toBe(durationMs);
              expect(slot.start >= RANGE.start && slot.availableUntil <= RANGE.end).toBe(true);
              expect(slot.availableUntil >= slot.end).toBe(true);
              expect(check(slot)).toEqual([]);
              // The whole gap is free, and it ends where something begins (or at the range end).
              expect(check({ start: slot.start, end: slot.availableUntil })).toEqual([]);
              if (slot.availableUntil < RANGE.end) {
                const longer = { start: slot.start, end: new Date(slot.availableUntil.getTime() + STEP) };
                expect(check(longer)).not.toEqual([]);
              }
              if (i > 0) expect(slots[i - 1].availableUntil <= slot.start).toBe(true);
            });

            // Completeness: every free start lies in a returned slot's gap, unless the limit was
            // reached before it.
            const last = slots[slots.length - 1];
            for (let unit = 0; unit + durationUnits <= UNITS; unit++) {
              const window = { start: at(unit), end: at(unit + durationUnits) };
              if (slots.length === limit && window.start > last.start) break;
              if (check(window).length > 0) continue;
              const inSomeGap = slots.some(
                (slot) => slot.start <= window.start && window.end <= slot.availableUntil,
              );
              if (!inSomeGap) {
                throw new Error(`free window ${window.start.toISOString()} is in no returned slot's gap`);
              }
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
