import { eventually } from './eventually';

describe('eventually', () => {
  it('retries until the assertion passes and returns its value', async () => {
    let calls = 0;
    const value = await eventually(
      () => {
        calls += 1;
        if (calls < 3) throw new Error(`not yet (${calls})`);
        return 'done';
      },
      { intervalMs: 5 },
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);
  });

  it('rethrows the last assertion error once the time is up', async () => {
    let calls = 0;
    const started = Date.now();
    const error = await eventually(
      () => {
        calls += 1;
        throw new Error(`attempt ${calls}`);
      },
      { timeoutMs: 200, intervalMs: 20 },
    ).catch((thrown: Error) => thrown);
    expect(error).toEqual(new Error(`attempt ${calls}`));
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(calls).toBeGreaterThan(3);
  });
});
