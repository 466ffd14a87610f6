import { canonicalTimeZone, isKnownTimeZone } from './time-zone';

describe('time zones', () => {
  it('knows IANA names in any case and spells them canonically', () => {
    expect(isKnownTimeZone('europe/berlin')).toBe(true);
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('America/New_York')).toBe('America/New_York');
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
