import { TimeoutError, withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('settles with the work when it finishes in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 50, 'late')).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('broken')), 50, 'late')).rejects.toThrow('broken');
  });

  it('rejects with a TimeoutError when the work hangs', async () => {
    const hanging = new Promise<never>(() => undefined);
    const started = Date.now();
    await expect(withTimeout(hanging, 30, 'no answer within 30 ms')).rejects.toThrow(
      new TimeoutError('no answer within 30 ms'),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
