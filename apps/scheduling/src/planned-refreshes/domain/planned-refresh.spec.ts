import { upcomingReminders } from './planned-refresh';

const HOUR = 3_600_000;

describe('upcomingReminders', () => {
  it('keeps only lead times whose moment is still ahead, earliest first', () => {
    const plannedStart = new Date('2026-12-01T22:00:00Z');
    const now = new Date('2026-11-30T23:00:00Z');
    expect(upcomingReminders({ plannedStart }, [7 * 24 * HOUR, 24 * HOUR, HOUR], now)).toEqual([
      new Date('2026-12-01T21:00:00Z'),
    ]);
  });
});
