import { isRetryableTransactionFailure, retryingTransientFailures } from './postgres-errors';

describe('retryingTransientFailures', () => {
  const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });

  it('runs the work again after a deadlock, and gives up after the last attempt', async () => {
    let calls = 0;
    await expect(
      retryingTransientFailures(async () => {
        calls += 1;
        if (calls < 3) throw deadlock;
        return 'done';
      }),
    ).resolves.toBe('done');
    calls = 0;
    await expect(
      retryingTransientFailures(async () => {
        calls += 1;
        throw deadlock;
      }, 2),
    ).rejects.toBe(deadlock);
    expect(calls).toBe(2);
  });

  it('does not retry other failures', async () => {
    let calls = 0;
    const other = Object.assign(new Error('unique'), { driverError: { code: '23505' } });
    await expect(
      retryingTransientFailures(async () => {
        calls += 1;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
    expect(isRetryableTransactionFailure({ driverError: { code: '40001' } })).toBe(true);
  });
});
