import { RSS_CEILING_MB, rssTrend, rssTrendAfterWarmUp, rssVerdict } from './rss-slope';

const minute = 60_000;

describe('rssTrend', () => {
  it('fits the slope in MB per minute through noisy samples', () => {
    const samples = [0, 1, 2, 3, 4].map((index) => ({
      atMs: index * minute,
      rssMb: 100 + 2 * index + (index % 2 ? 0.5 : -0.5),
    }));
    const trend = rssTrend(samples);
    expect(trend.slopeMbPerMinute).toBeCloseTo(2, 0);
    expect(trend.maxMb).toBe(107.5);
    expect(rssVerdict(trend)).toBe('rising');
  });

  it('calls a level series flat and one over the ceiling over, whatever its slope', () => {
    const level = [0, 1, 2].map((index) => ({ atMs: index * minute, rssMb: 120 }));
    expect(rssTrend(level).slopeMbPerMinute).toBe(0);
    expect(rssVerdict(rssTrend(level))).toBe('flat');
    const high = level.map((sample) => ({ ...sample, rssMb: RSS_CEILING_MB + 1 }));
    expect(rssVerdict(rssTrend(high))).toBe('over ceiling');
  });

  it('has no slope from one sample', () => {
    const trend = rssTrend([{ atMs: 0, rssMb: 90 }]);
    expect(trend.slopeMbPerMinute).toBeNaN();
    expect(rssVerdict(trend)).toBe('too few samples');
  });

  it('fits the slope after warm-up over the later half, and keeps the maximum of all', () => {
    const warmUp = [100, 130, 150, 160].map((rssMb, index) => ({ atMs: index * minute, rssMb }));
    const level = [161, 160, 161, 160].map((rssMb, index) => ({ atMs: (index + 4) * minute, rssMb }));
    const trend = rssTrendAfterWarmUp([...warmUp, ...level, { atMs: 8 * minute, rssMb: 150 }]);
    expect(trend.samples).toBe(9);
    expect(trend.maxMb).toBe(161);
    expect(Math.abs(trend.slopeMbPerMinute)).toBeLessThan(3);
    expect(rssTrend([...warmUp, ...level]).slopeMbPerMinute).toBeGreaterThan(5);
  });
});
