import { MAX_RETRY_AFTER_MS, retryAfterMs } from './retry-after';

describe('retryAfterMs', () => {
  const now = new Date('2026-12-02T01:00:00Z');

  it('reads delay-seconds', () => {
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs([' 120 '], now)).toBe(120_000);
  });

  it('reads an HTTP-date relative to now, a past one as 0', () => {
    expect(retryAfterMs('Wed, 02 Dec 2026 01:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 02 Dec 2026 00:59:00 GMT', now)).toBe(0);
  });

  it('caps a huge wait and ignores what it cannot read', () => {
    expect(retryAfterMs('99999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('1.5', now)).toBeNull();
  });
});
