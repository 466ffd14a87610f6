import { wallClockAt } from './wall-clock';

describe('wallClockAt', () => {
  it('gives the local date and time of an instant in an IANA timezone', () => {
    expect(wallClockAt(new Date('2026-03-28T21:00:00Z'), 'Europe/Berlin')).toBe('2026-03-28T22:00:00.000');
    expect(wallClockAt(new Date('2026-03-29T20:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29T22:00:00.000');
    expect(wallClockAt(new Date('2026-11-01T05:30:15.250Z'), 'America/New_York')).toBe(
      '2026-11-01T01:30:15.250',
    );
  });

  it('writes midnight as 00, not 24', () => {
    expect(wallClockAt(new Date('2026-01-01T23:00:00Z'), 'Europe/Berlin')).toBe('2026-01-02T00:00:00.000');
  });

  it('is the UTC clock in UTC', () => {
    expect(wallClockAt(new Date('2026-07-04T12:34:56Z'), 'UTC')).toBe('2026-07-04T12:34:56.000');
  });
});
