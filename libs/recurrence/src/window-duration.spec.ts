import { longestLengthOf, longestLengthOfParts, parseDuration } from './window-duration';

const HOUR = 3_600_000;
const longest = (text: string) => longestLengthOfParts(parseDuration(text)!);

describe('window durations', () => {
  it('parses each part', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7.0891S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
      milliseconds: 89,
      microseconds: 100,
      nanoseconds: 0,
    });
  });

  it('reads a duration given as text', () => {
    expect(longestLengthOf('P1DT1H')).toBe(25 * HOUR);
  });

  it('reads clock units exactly', () => {
    expect(longest('PT8H')).toBe(8 * HOUR);
    expect(longest('PT1H30M')).toBe(1.5 * HOUR);
    expect(longest('PT0.5S')).toBe(500);
  });

  it('counts calendar units at their longest', () => {
    expect(longest('P1D')).toBe(24 * HOUR);
    expect(longest('P1W')).toBe(7 * 24 * HOUR);
    expect(longest('P1M')).toBe(31 * 24 * HOUR);
    expect(longest('P1Y')).toBe(366 * 24 * HOUR);
    expect(longest('P1DT2H')).toBe(26 * HOUR);
  });

  it('is zero for a zero duration; anything that is not a duration does not parse', () => {
    expect(longest('PT0S')).toBe(0);
    for (const text of ['', 'P', 'PT', '8h', 'PT-1H', 'P1.5D', 'PT1.5H', 'PT8H ', 'T8H', 'P1DT']) {
      expect(parseDuration(text)).toBeUndefined();
      expect(longestLengthOf(text)).toBeUndefined();
    }
  });
});
