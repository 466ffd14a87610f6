import { knownTimeZone, localInstant, localWindow, utcInstant, utcWindow } from './window-time';

describe('window times', () => {
  it('shows a window in the zone and in UTC', () => {
    expect(localWindow('2025-03-01T22:00:00Z', '2025-03-02T02:00:00Z', 'Europe/Paris')).toBe(
      'Sat 2025-03-01 23:00 – Sun 2025-03-02 03:00 Europe/Paris (UTC+01:00)',
    );
    expect(utcWindow('2025-03-01T22:00:00Z', '2025-03-02T02:00:00Z')).toBe(
      'Sat 2025-03-01 22:00 – Sun 2025-03-02 02:00 UTC',
    );
    expect(utcWindow('2025-03-01T20:00:00Z', '2025-03-01T21:30:00Z')).toBe(
      'Sat 2025-03-01 20:00 – 21:30 UTC',
    );
  });

  it('gives each end its own offset across the spring change', () => {
    // Europe/Paris goes from +01:00 to +02:00 at 01:00Z on 2026-03-29.
    expect(localWindow('2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', 'Europe/Paris')).toBe(
      'Sun 2026-03-29 01:30 – 03:30 Europe/Paris (UTC+01:00 → UTC+02:00)',
    );
  });

  it('tells the two 01:30s of the autumn change apart by offset', () => {
    // America/New_York repeats 01:00–02:00 local on 2026-11-01.
    expect(localInstant('2026-11-01T05:30:00Z', 'America/New_York')).toBe(
      'Sun 2026-11-01 01:30 America/New_York (UTC-04:00)',
    );
    expect(localInstant('2026-11-01T06:30:00Z', 'America/New_York')).toBe(
      'Sun 2026-11-01 01:30 America/New_York (UTC-05:00)',
    );
    expect(utcInstant('2026-11-01T06:30:00Z')).toBe('Sun 2026-11-01 06:30 UTC');
  });

  it('falls back when a zone is unknown', () => {
    expect(knownTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(knownTimeZone('Mars/Olympus')).toBeNull();
    expect(knownTimeZone(undefined)).toBeNull();
  });
});
