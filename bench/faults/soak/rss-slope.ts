export interface RssSample {
  atMs: number;
  rssMb: number;
}

export interface RssTrend {
  samples: number;
  maxMb: number;
  /** Least-squares slope over the samples, in MB per minute; NaN with fewer than two samples. */
  slopeMbPerMinute: number;
}

/** The ceiling no app may cross during a soak (issue 13: "no app over 200 MB"). */
export const RSS_CEILING_MB = 200;

/**
 * A slope below this is "flat": V8 grows and shrinks its heap in steps of a few MB, so over ten
 * minutes a leak-free app still shows a fraction of a MB per minute either way.
 */
export const FLAT_SLOPE_MB_PER_MINUTE = 1;

export function rssTrend(samples: readonly RssSample[]): RssTrend {
  const maxMb = samples.reduce((max, sample) => Math.max(max, sample.rssMb), 0);
  if (samples.length < 2) return { samples: samples.length, maxMb, slopeMbPerMinute: NaN };
  const minutes = samples.map((sample) => (sample.atMs - samples[0].atMs) / 60_000);
  const meanX = minutes.reduce((sum, x) => sum + x, 0) / samples.length;
  const meanY = samples.reduce((sum, sample) => sum + sample.rssMb, 0) / samples.length;
  let covariance = 0;
  let variance = 0;
  samples.forEach((sample, index) => {
    covariance += (minutes[index] - meanX) * (sample.rssMb - meanY);
    variance += (minutes[index] - meanX) ** 2;
  });
  return { samples: samples.length, maxMb, slopeMbPerMinute: variance === 0 ? NaN : covariance / variance };
}

export function rssVerdict(trend: RssTrend): 'flat' | 'rising' | 'over ceiling' | 'too few samples' {
  if (trend.maxMb > RSS_CEILING_MB) return 'over ceiling';
  if (Number.isNaN(trend.slopeMbPerMinute)) return 'too few samples';
  return trend.slopeMbPerMinute > FLAT_SLOPE_MB_PER_MINUTE ? 'rising' : 'flat';
}

/**
 * The trend after warm-up: a fresh process grows while V8 compiles and sizes its heap, so the
 * slope is fitted over the later half of the samples; the maximum is over all of them.
 */
export function rssTrendAfterWarmUp(samples: readonly RssSample[]): RssTrend {
  const settled = rssTrend(samples.slice(Math.floor(samples.length / 2)));
  return { ...settled, samples: samples.length, maxMb: rssTrend(samples).maxMb };
}
