import { RecurringTiming } from '@envrefresh/contracts';
import { validateOneOffTiming, validateRecurringTiming } from './timing-validation';

const valid: RecurringTiming = {
  rrule: 'FREQ=DAILY',
  duration: 'PT8H',
  timezone: 'Europe/Berlin',
  startsAt: '2026-01-01T22:00:00+01:00',
};
const problemsOf = (changes: Partial<Record<keyof RecurringTiming, unknown>>) =>
  validateRecurringTiming({ ...valid, ...changes } as RecurringTiming);
const fieldsOf = (changes: Partial<Record<keyof RecurringTiming, unknown>>) =>
  problemsOf(changes).map((problem) => problem.field);

describe('validateRecurringTiming', () => {
  it('accepts a valid recurrence, with COUNT or UNTIL in the rule and with an until', () => {
    expect(validateRecurringTiming(valid)).toEqual([]);
    expect(problemsOf({ rrule: 'RRULE:FREQ=WEEKLY;BYDAY=SA,SU;COUNT=10' })).toEqual([]);
    expect(problemsOf({ rrule: 'FREQ=DAILY;UNTIL=20261231T230000Z' })).toEqual([]);
    expect(
      problemsOf({ rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', until: '2027-01-01T00:00:00Z' }),
    ).toEqual([]);
    expect(problemsOf({ rrule: 'freq=hourly;byhour=8,12,16', duration: 'PT1H' })).toEqual([]);
  });

  it.each([
    ['FREQ=FOO', /FREQ must be one of HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY/],
    ['', /must not be empty/],
    ['WEEKLY', /NAME=VALUE/],
    ['BYDAY=MO', /must contain FREQ/],
    ['FREQ=DAILY;FOO=1', /unknown or unsupported part FOO; allowed: FREQ, INTERVAL/],
    ['FREQ=DAILY;BYHOUR=25', /BYHOUR must list whole numbers from 0 to 23/],
    ['FREQ=MONTHLY;BYMONTHDAY=0', /BYMONTHDAY must list whole numbers from 1 to 31 or -31 to -1/],
    ['FREQ=WEEKLY;BYDAY=XX', /BYDAY must list weekdays/],
    ['FREQ=DAILY;INTERVAL=0', /INTERVAL must be a positive whole number/],
    ['FREQ=DAILY;FREQ=WEEKLY', /names FREQ twice/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20261231T000000Z', /both COUNT and UNTIL/],
    ['FREQ=DAILY;UNTIL=20261231T000000', /UNTIL must be a UTC date-time/],
    ['FREQ=DAILY;UNTIL=20260230', /UNTIL must be a UTC date-time/],
    ['FREQ=MINUTELY;INTERVAL=15', /FREQ=MINUTELY is not supported: a window recurs at most hourly/],
    ['FREQ=DAILY;BYSETPOS=1', /is not a valid RRULE: BYSETPOS MUST be used with another BYxxx rule part/],
    ['FREQ=WEEKLY;BYWEEKNO=3', /is not a valid RRULE: BYWEEKNO MUST NOT be used unless FREQ=YEARLY/],
    ['FREQ=DAILY;BYDAY=1MO', /is not a valid RRULE: BYDAY with numeric value/],
    ['FREQ=DAILY;DTSTART=20260101T000000Z', /must not contain DTSTART/],
    ['DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY', /without DTSTART, RDATE or EXDATE/],
    ['FREQ=DAILY\nEXDATE:20260102T000000Z', /without DTSTART, RDATE or EXDATE/],
  ])('refuses the rule %j, saying why', (rrule, message) => {
    const problems = problemsOf({ rrule });
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('rrule');
    expect(problems[0].message).toMatch(message);
  });

  it('refuses a rule that yields no occurrence at all, or none before until', () => {
    expect(problemsOf({ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' })).toEqual([
      { field: 'rrule', message: 'yields no occurrence from startsAt on' },
    ]);
    expect(problemsOf({ rrule: 'FREQ=YEARLY;BYMONTH=12', until: '2026-06-01T00:00:00Z' })).toEqual([
      { field: 'rrule', message: 'yields no occurrence from startsAt on before until' },
    ]);
    expect(problemsOf({ rrule: 'FREQ=DAILY;UNTIL=20251231T000000Z' })).toEqual([
      { field: 'rrule', message: 'yields no occurrence from startsAt on' },
    ]);
  });

  it('refuses occurrences more frequent than hourly, and occurrences that overlap one another', () => {
    expect(problemsOf({ rrule: 'FREQ=DAILY;BYHOUR=1,2;BYMINUTE=0,30', duration: 'PT10M' })).toEqual([
      {
        field: 'rrule',
        message:
          'recurs more often than hourly: occurrences start at 2026-01-02 00:00 UTC and 2026-01-02 00:30 UTC',
      },
    ]);
    expect(problemsOf({ rrule: 'FREQ=HOURLY', duration: 'PT2H' })).toEqual([
      {
        field: 'duration',
        message:
          'is longer than the time between two occurrences (starting 2026-01-01 21:00 UTC and 2026-01-01 22:00 UTC), so they would overlap',
      },
    ]);
    expect(problemsOf({ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU', duration: 'P2D' })).toHaveLength(1);
    expect(problemsOf({ rrule: 'FREQ=DAILY', duration: 'PT24H' })).toEqual([]);
  });

  it('refuses an unknown timezone', () => {
    expect(problemsOf({ timezone: 'Mars/Olympus' })).toEqual([
      { field: 'timezone', message: 'must be an IANA timezone such as Europe/Berlin' },
    ]);
    expect(fieldsOf({ timezone: '' })).toEqual(['timezone']);
    expect(fieldsOf({ timezone: 42 })).toEqual(['timezone']);
  });

  it('refuses a duration that is not ISO-8601, zero, or longer than 31 days', () => {
    expect(problemsOf({ duration: '8h' })).toEqual([
      { field: 'duration', message: 'must be an ISO-8601 duration such as PT8H or P1D' },
    ]);
    expect(problemsOf({ duration: 'PT0S' })).toEqual([
      { field: 'duration', message: 'must be longer than zero' },
    ]);
    expect(problemsOf({ duration: 'P32D', rrule: 'FREQ=YEARLY' })).toEqual([
      { field: 'duration', message: 'must be at most P31D (31 days)' },
    ]);
    expect(problemsOf({ duration: 'P1Y', rrule: 'FREQ=YEARLY' })).toHaveLength(1);
    expect(problemsOf({ duration: 'P1M', rrule: 'FREQ=YEARLY' })).toEqual([]);
  });

  it('refuses startsAt and until that are not instants, and until not after startsAt', () => {
    expect(fieldsOf({ startsAt: '2026-01-01 22:00' })).toEqual(['startsAt']);
    expect(fieldsOf({ until: 'tomorrow' })).toEqual(['until']);
    expect(problemsOf({ until: '2026-01-01T21:00:00Z' })).toEqual([
      { field: 'until', message: 'must be after startsAt' },
    ]);
  });

  it('names every wrong field at once', () => {
    expect(
      fieldsOf({
        rrule: 'FREQ=FOO',
        duration: 'PT0S',
        timezone: 'Nowhere/Land',
        until: '2025-01-01T00:00:00Z',
      }),
    ).toEqual(expect.arrayContaining(['rrule', 'duration', 'timezone', 'until']));
  });
});

describe('validateOneOffTiming', () => {
  it('accepts a window with end after start', () => {
    expect(validateOneOffTiming({ start: '2026-03-01T20:00:00Z', end: '2026-03-01T23:00:00+01:00' })).toEqual(
      [],
    );
  });

  it('refuses end not after start (half-open windows) and windows longer than 366 days', () => {
    expect(validateOneOffTiming({ start: '2026-03-01T20:00:00Z', end: '2026-03-01T20:00:00Z' })).toEqual([
      { field: 'end', message: 'must be after start (windows are half-open [start, end))' },
    ]);
    expect(validateOneOffTiming({ start: '2026-03-01T20:00:00Z', end: '2026-03-01T19:00:00Z' })).toHaveLength(
      1,
    );
    expect(validateOneOffTiming({ start: '2026-01-01T00:00:00Z', end: '2027-01-02T00:00:00Z' })).toEqual([]);
    expect(validateOneOffTiming({ start: '2026-01-01T00:00:00Z', end: '2027-01-02T00:00:01Z' })).toEqual([
      { field: 'end', message: 'must be at most 366 days after start' },
    ]);
  });

  it('refuses what is not an instant with an offset', () => {
    expect(
      validateOneOffTiming({ start: '2026-03-01T20:00:00', end: 5 as unknown as string }).map(
        (problem) => problem.field,
      ),
    ).toEqual(['start', 'end']);
  });
});
