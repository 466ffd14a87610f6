import { ManualClock, SystemClock } from './clock';

describe('Clock', () => {
  it('the system clock follows the machine, shifted by its offset', () => {
    const day = 86_400_000;
    const before = Date.now();
    const shifted = new SystemClock(day).now().getTime();
    const after = Date.now();
    expect(shifted).toBeGreaterThanOrEqual(before + day);
    expect(shifted).toBeLessThanOrEqual(after + day);
    expect(Math.abs(new SystemClock().now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('a manual clock stands still until it is moved', () => {
    const clock = new ManualClock('2026-03-29T00:30:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-03-29T00:30:00.000Z');
    clock.advance(90 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-03-29T02:00:00.000Z');
    clock.set('2027-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('hands out copies, so a caller cannot move it by mutating a date', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    clock.now().setFullYear(2030);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('refuses a start that is not a date', () => {
    expect(() => new ManualClock('yesterday')).toThrow('not a date');
  });
});
