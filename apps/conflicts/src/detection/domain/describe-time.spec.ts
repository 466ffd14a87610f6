import { describeInstant, describeSpan } from './describe-time';

const span = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

describe('describe-time', () => {
  it('writes an instant in UTC to the minute', () => {
    expect(describeInstant(new Date('2026-03-01T21:05:59+01:00'))).toBe('2026-03-01 20:05 UTC');
  });

  it('writes the date once when both ends fall on the same UTC day', () => {
    expect(describeSpan(span('2026-03-01T20:00:00Z', '2026-03-01T23:00:00Z'))).toBe(
      '2026-03-01 20:00 to 23:00 UTC',
    );
  });

  it('writes both dates for a span across midnight UTC', () => {
    expect(describeSpan(span('2026-03-01T22:00:00Z', '2026-03-02T06:00:00Z'))).toBe(
      '2026-03-01 22:00 to 2026-03-02 06:00 UTC',
    );
  });

  it('converts offsets to UTC before comparing days', () => {
    expect(describeSpan(span('2026-03-02T00:30:00+01:00', '2026-03-02T02:00:00+01:00'))).toBe(
      '2026-03-01 23:30 to 2026-03-02 01:00 UTC',
    );
  });
});
