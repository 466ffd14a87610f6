import { CALENDAR_MAX_RANGE_DAYS } from '@envrefresh/contracts';
import { ValidationError } from '@envrefresh/kernel';
import { FEED_REACH_DAYS, feedRangeAt, parseCalendarQuery } from './calendar-range';

const DAY_MS = 86_400_000;

function problemsOf(input: unknown): { field: string; message: string }[] {
  try {
    parseCalendarQuery(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseCalendarQuery', () => {
  it('takes a range with offsets and the optional filters', () => {
    expect(
      parseCalendarQuery({
        from: '2027-03-01T00:00:00+01:00',
        to: '2027-04-01T00:00:00Z',
        environmentId: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
        tier: 'UAT',
      }),
    ).toEqual({
      range: { start: new Date('2027-02-28T23:00:00Z'), end: new Date('2027-04-01T00:00:00Z') },
      environmentId: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
      tier: 'UAT',
    });
  });

  it('requires from and to, naming each', () => {
    expect(problemsOf({}).map((problem) => problem.field)).toEqual(['from', 'to']);
  });

  it('refuses an empty or backward range on `to`', () => {
    expect(problemsOf({ from: '2027-03-01T00:00:00Z', to: '2027-03-01T00:00:00Z' })).toEqual([
      { field: 'to', message: 'must be after from' },
    ]);
  });

  it(`allows exactly ${CALENDAR_MAX_RANGE_DAYS} days and refuses a millisecond more`, () => {
    const from = Date.parse('2027-01-01T00:00:00Z');
    const at = (ms: number) => new Date(ms).toISOString();
    expect(() =>
      parseCalendarQuery({ from: at(from), to: at(from + CALENDAR_MAX_RANGE_DAYS * DAY_MS) }),
    ).not.toThrow();
    expect(problemsOf({ from: at(from), to: at(from + CALENDAR_MAX_RANGE_DAYS * DAY_MS + 1) })).toEqual([
      { field: 'to', message: `must be at most ${CALENDAR_MAX_RANGE_DAYS} days after from` },
    ]);
  });

  it('names a bad filter and an unknown one', () => {
    const fields = problemsOf({
      from: '2027-03-01T00:00:00Z',
      to: '2027-03-02T00:00:00Z',
      environmentId: 'not-a-uuid',
      tier: 'PROD',
      colour: 'red',
    }).map((problem) => problem.field);
    expect(fields.sort()).toEqual(['colour', 'environmentId', 'tier']);
  });

  it('refuses a local time without an offset', () => {
    expect(problemsOf({ from: '2027-03-01T00:00:00', to: '2027-03-02T00:00:00Z' })[0].field).toBe('from');
  });
});

describe('feedRangeAt', () => {
  it('reaches a month back and half a year ahead, within the allowed range', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const range = feedRangeAt(now);
    expect(range.start.getTime()).toBe(now.getTime() - FEED_REACH_DAYS.back * DAY_MS);
    expect(range.end.getTime()).toBe(now.getTime() + FEED_REACH_DAYS.ahead * DAY_MS);
    expect(range.end.getTime() - range.start.getTime()).toBeLessThanOrEqual(CALENDAR_MAX_RANGE_DAYS * DAY_MS);
  });
});
