import { RecurringTiming } from '@envrefresh/contracts';
import { DomainError, TOO_MUCH_WORK, ValidationError, WORK_LIMITS, WorkBudget } from '@envrefresh/kernel';
import { Interval } from './interval';
import {
  MAX_OCCURRENCES_PER_EXPANSION,
  compileRecurrence,
  firstOccurrences,
  occurrencesWithin,
  occurrencesWithinPaced,
} from './recurrence';

const range = (start: string, end: string): Interval => ({ start: new Date(start), end: new Date(end) });
const iso = (list: Interval[]): Array<[string, string]> =>
  list.map((occurrence) => [occurrence.start.toISOString(), occurrence.end.toISOString()]);
const nightly = (timezone: string, startsAt: string): RecurringTiming => ({
  rrule: 'FREQ=DAILY',
  duration: 'PT8H',
  timezone,
  startsAt,
});

describe('occurrencesWithin', () => {
  describe('a nightly 22:00–06:00 (PT8H) window stays 22:00–06:00 local across DST changes', () => {
    const berlin = nightly('Europe/Berlin', '2026-01-01T22:00:00+01:00');
    const newYork = nightly('America/New_York', '2026-01-01T22:00:00-05:00');

    it('Europe/Berlin, clocks forward on 2026-03-29 (CET +01 → CEST +02): the night of the change lasts 7 hours', () => {
      expect(iso(occurrencesWithin(berlin, range('2026-03-27T12:00:00Z', '2026-03-31T00:00:00Z')))).toEqual([
        ['2026-03-27T21:00:00.000Z', '2026-03-28T05:00:00.000Z'],
        ['2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z'],
        ['2026-03-29T20:00:00.000Z', '2026-03-30T04:00:00.000Z'],
        ['2026-03-30T20:00:00.000Z', '2026-03-31T04:00:00.000Z'],
      ]);
    });

    it('Europe/Berlin, clocks back on 2026-10-25 (CEST +02 → CET +01): the night of the change lasts 9 hours', () => {
      expect(iso(occurrencesWithin(berlin, range('2026-10-23T12:00:00Z', '2026-10-27T00:00:00Z')))).toEqual([
        ['2026-10-23T20:00:00.000Z', '2026-10-24T04:00:00.000Z'],
        ['2026-10-24T20:00:00.000Z', '2026-10-25T05:00:00.000Z'],
        ['2026-10-25T21:00:00.000Z', '2026-10-26T05:00:00.000Z'],
        ['2026-10-26T21:00:00.000Z', '2026-10-27T05:00:00.000Z'],
      ]);
    });

    it('America/New_York, clocks forward on 2026-03-08 (EST -05 → EDT -04)', () => {
      expect(iso(occurrencesWithin(newYork, range('2026-03-06T12:00:00Z', '2026-03-10T00:00:00Z')))).toEqual([
        ['2026-03-07T03:00:00.000Z', '2026-03-07T11:00:00.000Z'],
        ['2026-03-08T03:00:00.000Z', '2026-03-08T10:00:00.000Z'],
        ['2026-03-09T02:00:00.000Z', '2026-03-09T10:00:00.000Z'],
      ]);
    });

    it('America/New_York, clocks back on 2026-11-01 (EDT -04 → EST -05)', () => {
      expect(iso(occurrencesWithin(newYork, range('2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z')))).toEqual([
        ['2026-10-31T02:00:00.000Z', '2026-10-31T10:00:00.000Z'],
        ['2026-11-01T02:00:00.000Z', '2026-11-01T11:00:00.000Z'],
        ['2026-11-02T03:00:00.000Z', '2026-11-02T11:00:00.000Z'],
      ]);
    });
  });

  it('returns an occurrence that started before the range and is still running, whole', () => {
    const found = occurrencesWithin(
      nightly('Europe/Berlin', '2026-01-01T22:00:00+01:00'),
      range('2026-02-10T03:00:00Z', '2026-02-10T04:00:00Z'),
    );
    expect(iso(found)).toEqual([['2026-02-09T21:00:00.000Z', '2026-02-10T05:00:00.000Z']]);
  });

  it('a window crossing midnight is found from a range holding only its morning, and not after it ends', () => {
    const saturdayNights: RecurringTiming = {
      rrule: 'FREQ=WEEKLY;BYDAY=SA',
      duration: 'PT10H',
      timezone: 'UTC',
      startsAt: '2026-01-03T20:00:00Z',
    };
    expect(
      iso(occurrencesWithin(saturdayNights, range('2026-01-11T05:00:00Z', '2026-01-11T06:00:00Z'))),
    ).toEqual([['2026-01-10T20:00:00.000Z', '2026-01-11T06:00:00.000Z']]);
    expect(occurrencesWithin(saturdayNights, range('2026-01-11T06:00:00Z', '2026-01-17T20:00:00Z'))).toEqual(
      [],
    );
  });

  it('a monthly rule on the last business day: FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', () => {
    const lastBusinessDay: RecurringTiming = {
      rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      duration: 'PT4H',
      timezone: 'Europe/Berlin',
      startsAt: '2026-01-01T18:00:00+01:00',
    };
    const found = occurrencesWithin(lastBusinessDay, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'));
    // 18:00 in Berlin: 17:00Z in winter (CET), 16:00Z in summer (CEST, 29 March to 25 October).
    expect(found.map((occurrence) => occurrence.start.toISOString())).toEqual([
      '2026-01-30T17:00:00.000Z', // Saturday 31st
      '2026-02-27T17:00:00.000Z', // Saturday 28th
      '2026-03-31T16:00:00.000Z',
      '2026-04-30T16:00:00.000Z',
      '2026-05-29T16:00:00.000Z', // Sunday 31st
      '2026-06-30T16:00:00.000Z',
      '2026-07-31T16:00:00.000Z',
      '2026-08-31T16:00:00.000Z',
      '2026-09-30T16:00:00.000Z',
      '2026-10-30T17:00:00.000Z', // Saturday 31st, and already CET again
      '2026-11-30T17:00:00.000Z',
      '2026-12-31T17:00:00.000Z',
    ]);
    for (const occurrence of found) {
      expect([1, 2, 3, 4, 5]).toContain(occurrence.start.getUTCDay());
      expect(occurrence.end.getTime() - occurrence.start.getTime()).toBe(4 * 3_600_000);
    }
  });

  describe('where a recurrence ends', () => {
    const march = range('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
    const starts = (timing: RecurringTiming) =>
      occurrencesWithin(timing, march).map((occurrence) => occurrence.start.toISOString());

    it('the timing`s until is exclusive: the last occurrence starts before it', () => {
      const timing = {
        ...nightly('Europe/Berlin', '2026-03-01T22:00:00+01:00'),
        until: '2026-03-03T21:00:00Z',
      };
      expect(starts(timing)).toEqual(['2026-03-01T21:00:00.000Z', '2026-03-02T21:00:00.000Z']);
    });

    it('UNTIL in the rule is an inclusive UTC instant, as RFC 5545 says', () => {
      const timing = {
        ...nightly('Europe/Berlin', '2026-03-01T22:00:00+01:00'),
        rrule: 'FREQ=DAILY;UNTIL=20260303T210000Z',
      };
      expect(starts(timing)).toEqual([
        '2026-03-01T21:00:00.000Z',
        '2026-03-02T21:00:00.000Z',
        '2026-03-03T21:00:00.000Z',
      ]);
    });

    it('UNTIL as a date means the last local date an occurrence may start on', () => {
      const timing = {
        ...nightly('Europe/Berlin', '2026-03-01T22:00:00+01:00'),
        rrule: 'RRULE:FREQ=DAILY;UNTIL=20260302',
      };
      expect(starts(timing)).toEqual(['2026-03-01T21:00:00.000Z', '2026-03-02T21:00:00.000Z']);
    });

    it('COUNT counts from startsAt, also when the range starts later', () => {
      const timing = {
        ...nightly('Europe/Berlin', '2026-03-01T22:00:00+01:00'),
        rrule: 'FREQ=DAILY;COUNT=3',
      };
      expect(starts(timing)).toHaveLength(3);
      expect(occurrencesWithin(timing, range('2026-03-10T00:00:00Z', '2026-03-20T00:00:00Z'))).toEqual([]);
    });

    it('nothing before startsAt', () => {
      const timing = nightly('Europe/Berlin', '2026-03-30T22:00:00+02:00');
      expect(starts(timing)).toEqual(['2026-03-30T20:00:00.000Z', '2026-03-31T20:00:00.000Z']);
    });
  });

  describe('local times that do not exist or exist twice (compatible disambiguation)', () => {
    const halfPastTwo = (duration: string): RecurringTiming => ({
      rrule: 'FREQ=DAILY',
      duration,
      timezone: 'Europe/Berlin',
      startsAt: '2026-03-01T02:30:00+01:00',
    });

    it('02:30 on the night 02:00–03:00 is skipped moves forward to 03:30 CEST; the end stays on the local clock', () => {
      const found = occurrencesWithin(
        halfPastTwo('PT2H'),
        range('2026-03-29T00:00:00Z', '2026-03-29T12:00:00Z'),
      );
      expect(iso(found)).toEqual([['2026-03-29T01:30:00.000Z', '2026-03-29T02:30:00.000Z']]);
    });

    it('an occurrence that the gap leaves without any time is dropped', () => {
      expect(
        occurrencesWithin(halfPastTwo('PT1H'), range('2026-03-29T00:00:00Z', '2026-03-29T12:00:00Z')),
      ).toEqual([]);
    });

    it('02:30 on the night 02:00–03:00 happens twice takes the earlier one (CEST), ending 04:30 CET', () => {
      const found = occurrencesWithin(
        halfPastTwo('PT2H'),
        range('2026-10-25T00:00:00Z', '2026-10-25T12:00:00Z'),
      );
      expect(iso(found)).toEqual([['2026-10-25T00:30:00.000Z', '2026-10-25T03:30:00.000Z']]);
    });
  });

  it('a one-off timing is its own single occurrence when it overlaps the range (half-open)', () => {
    const oneOff = { start: '2026-03-01T20:00:00Z', end: '2026-03-01T23:00:00Z' };
    expect(iso(occurrencesWithin(oneOff, range('2026-03-01T22:00:00Z', '2026-03-02T00:00:00Z')))).toEqual([
      ['2026-03-01T20:00:00.000Z', '2026-03-01T23:00:00.000Z'],
    ]);
    expect(occurrencesWithin(oneOff, range('2026-03-01T23:00:00Z', '2026-03-02T00:00:00Z'))).toEqual([]);
  });

  it('a rule matching only in leap years yields nothing in other years, without error', () => {
    const leapDay: RecurringTiming = {
      rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
      duration: 'PT2H',
      timezone: 'UTC',
      startsAt: '2024-02-29T10:00:00Z',
    };
    expect(occurrencesWithin(leapDay, range('2027-01-01T00:00:00Z', '2027-12-31T00:00:00Z'))).toEqual([]);
    expect(iso(occurrencesWithin(leapDay, range('2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z')))).toEqual([
      ['2028-02-29T10:00:00.000Z', '2028-02-29T12:00:00.000Z'],
    ]);
  });

  it('refuses to expand past MAX_OCCURRENCES_PER_EXPANSION instead of cutting the list short', () => {
    const hourly: RecurringTiming = {
      rrule: 'FREQ=HOURLY',
      duration: 'PT30M',
      timezone: 'UTC',
      startsAt: '2026-01-01T00:00:00Z',
    };
    const twoYears = range('2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z');
    expect(() => occurrencesWithin(hourly, twoYears)).toThrow(DomainError);
    expect(() => occurrencesWithin(hourly, twoYears)).toThrow(
      `more than ${MAX_OCCURRENCES_PER_EXPANSION} occurrences`,
    );
    expect(occurrencesWithin(hourly, range('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'))).toHaveLength(
      8760,
    );
  });

  describe("with a request's budget", () => {
    const hourly: RecurringTiming = {
      rrule: 'FREQ=HOURLY',
      duration: 'PT30M',
      timezone: 'Europe/Berlin',
      startsAt: '2026-01-01T00:00:00Z',
    };
    const year = range('2027-01-01T00:00:00Z', '2028-01-01T00:00:00Z');
    // The time limit is lifted so that a slow machine cannot make the occurrence limit's refusal a time one.
    const budget = () =>
      new WorkBudget(
        { what: 'this expansion', remedy: 'ask for less' },
        { occurrences: WORK_LIMITS.occurrences, workMs: 600_000 },
      );

    it('spends every occurrence it generates, and stops at the limit with a 422 saying why', () => {
      let refusal: unknown;
      try {
        occurrencesWithin(hourly, year, budget());
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DomainError);
      expect(refusal).toMatchObject({
        kind: 'unprocessable',
        code: TOO_MUCH_WORK,
        message: `this expansion would expand more than ${WORK_LIMITS.occurrences} window occurrences; ask for less`,
      });
    });

    it('counts the windows of one request together', () => {
      const shared = new WorkBudget(
        { what: 'this request', remedy: 'ask for less' },
        { occurrences: 1_000, workMs: 60_000 },
      );
      const month = range('2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z');
      expect(occurrencesWithin(hourly, month, shared)).toHaveLength(744);
      expect(() => occurrencesWithin(hourly, month, shared)).toThrow(
        'this request would expand more than 1000 window occurrences; ask for less',
      );
    });

    it('paced, yields the event loop after every month it expands, and finds the same occurrences', async () => {
      class CountingBudget extends WorkBudget {
        breaths = 0;
        override async breathe(): Promise<void> {
          this.breaths++;
          await super.breathe();
        }
      }
      const counting = new CountingBudget({ what: 'this expansion', remedy: 'ask for less' });
      const daily = nightly('Europe/Berlin', '2026-01-01T22:00:00+01:00');
      const paced = await occurrencesWithinPaced(daily, year, counting);
      expect(paced).toEqual(occurrencesWithin(daily, year));
      expect(paced).toHaveLength(366);
      expect(counting.breaths).toBeGreaterThanOrEqual(12);
      await expect(occurrencesWithinPaced(hourly, year, budget())).rejects.toThrow(/more than 5000/);
    });

    it('leaves what fits alone: the same occurrences as without a budget', () => {
      const quarter = range('2027-01-01T00:00:00Z', '2027-04-01T00:00:00Z');
      expect(occurrencesWithin(hourly, quarter, budget())).toEqual(occurrencesWithin(hourly, quarter));
    });
  });

  it('refuses a timing that does not validate, naming the field', () => {
    const broken = { ...nightly('Mars/Olympus', '2026-01-01T22:00:00Z') };
    expect(() => occurrencesWithin(broken, range('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'))).toThrow(
      ValidationError,
    );
    expect(() => occurrencesWithin(broken, range('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'))).toThrow(
      /timezone/,
    );
  });

  // How fast this is, is measured by `npm run bench:conflicts`, not asserted here: timed tests flake.
  it('expands a daily rule started years before the asked week to exactly that week', () => {
    const sinceTwentyTwenty = nightly('Europe/Berlin', '2020-01-01T22:00:00+01:00');
    // Weeks starting between 12:00Z and 19:00Z, so each holds exactly seven nightly occurrences.
    const week = (i: number) => {
      const start = Date.UTC(2026, 2, 23, 12) + (i % 8) * 3_600_000 + Math.floor(i / 8) * 86_400_000;
      return { start: new Date(start), end: new Date(start + 7 * 86_400_000) };
    };
    for (let i = 0; i < 100; i++) expect(occurrencesWithin(sinceTwentyTwenty, week(i))).toHaveLength(7);
  });
});

describe('firstOccurrences', () => {
  const compiled = (rrule: string) => {
    const result = compileRecurrence({
      rrule,
      duration: 'PT1H',
      timezone: 'Europe/Berlin',
      startsAt: '2027-01-01T22:00:00+01:00',
    });
    if (!('rule' in result)) throw new Error(JSON.stringify(result));
    return result;
  };

  it('answers quickly that a rule which can never match yields nothing (BYSETPOS past the set)', () => {
    const started = Date.now();
    expect(firstOccurrences(compiled('FREQ=MONTHLY;BYSETPOS=4;BYMINUTE=34,15,6'), 10)).toEqual([]);
    // The expander's own search took 1.5–2.6 s here; the chunked walk takes milliseconds.
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('finds sparse occurrences years apart, in order, local time kept', () => {
    const leapDays = firstOccurrences(compiled('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'), 3);
    expect(leapDays.map((occurrence) => occurrence.start.toISOString())).toEqual([
      '2028-02-29T21:00:00.000Z',
      '2032-02-29T21:00:00.000Z',
      '2036-02-29T21:00:00.000Z',
    ]);
  });

  it('stops at the limit, and at COUNT', () => {
    expect(firstOccurrences(compiled('FREQ=DAILY'), 5)).toHaveLength(5);
    expect(firstOccurrences(compiled('FREQ=DAILY;COUNT=3'), 5)).toHaveLength(3);
  });
});
