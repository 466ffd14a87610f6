import { nextStep } from './delivery-progress';
import { DEFAULT_DELIVERY_RETRY_SCHEDULE, parseRetrySchedule } from './retry-schedule';

const result = (kind: 'SENT' | 'RETRY' | 'GONE' | 'REJECTED', extra: object = {}) => ({
  kind,
  statusCode: 500,
  error: null,
  retryAfterMs: null,
  durationMs: 3,
  ...extra,
});

describe('retry schedule', () => {
  it('reads the documented default', () => {
    expect(parseRetrySchedule(DEFAULT_DELIVERY_RETRY_SCHEDULE)).toEqual([
      10_000, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
    ]);
  });

  it('refuses what is not a fixed positive duration, naming the entry', () => {
    expect(() => parseRetrySchedule('PT1S,P1M')).toThrow(/entry 2 \("P1M"\)/);
    expect(() => parseRetrySchedule('PT0S')).toThrow(/entry 1/);
    expect(() => parseRetrySchedule('')).toThrow(/entry 1/);
  });
});

describe('nextStep', () => {
  const schedule = parseRetrySchedule('PT1S,PT2S');

  it('retries after the pause of this step, and dies once the schedule is spent', () => {
    expect(nextStep(result('RETRY'), 0, schedule)).toEqual({
      status: 'RETRYING',
      delayMs: 1000,
      error: 'HTTP 500',
    });
    expect(nextStep(result('RETRY'), 1, schedule)).toMatchObject({ status: 'RETRYING', delayMs: 2000 });
    expect(nextStep(result('RETRY', { error: 'timeout' }), 2, schedule)).toEqual({
      status: 'DEAD',
      error: 'timeout',
      disableSubscription: false,
    });
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(nextStep(result('RETRY', { retryAfterMs: 5000 }), 0, schedule)).toMatchObject({ delayMs: 5000 });
    expect(nextStep(result('RETRY', { retryAfterMs: 10 }), 1, schedule)).toMatchObject({ delayMs: 2000 });
  });

  it('gives up at once on a refusal, and disables the subscription on a 410', () => {
    expect(nextStep(result('REJECTED', { statusCode: 400 }), 0, schedule)).toMatchObject({ status: 'DEAD' });
    expect(nextStep(result('GONE', { statusCode: 410 }), 0, schedule)).toMatchObject({
      status: 'DEAD',
      disableSubscription: true,
    });
    expect(nextStep(result('SENT', { statusCode: 200 }), 1, schedule)).toEqual({ status: 'SENT' });
  });
});
