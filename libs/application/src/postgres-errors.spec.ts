import { domainProblem } from './domain-problem.mapper';
import {
  isDatabaseTimeout,
  isRetryableTransactionFailure,
  retryingTransientFailures,
} from './postgres-errors';

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

describe('database limits as the RPC answer', () => {
  it.each([
    ['57014', 'canceling statement due to statement timeout'],
    ['55P03', 'canceling statement due to lock timeout'],
    ['25P03', 'terminating connection due to idle-in-transaction timeout'],
  ])('answers %s (%s) as 503 DATABASE.TIMEOUT', (code, message) => {
    const error = Object.assign(new Error(message), { driverError: { code } });
    expect(isDatabaseTimeout(error)).toBe(true);
    expect(domainProblem(error)).toMatchObject({ status: 503, code: 'DATABASE.TIMEOUT' });
  });

  it('leaves every other database error unknown (a 500 the filter logs)', () => {
    const error = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(isDatabaseTimeout(error)).toBe(false);
    expect(domainProblem(error)).toBeNull();
  });
});
