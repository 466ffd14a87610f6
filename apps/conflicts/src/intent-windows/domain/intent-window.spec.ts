import { overlaps } from './intent-window';

const at = (hour: number) => new Date(Date.UTC(2026, 11, 1, hour));

describe('overlaps', () => {
  it('treats windows as half-open: back-to-back windows do not overlap', () => {
    expect(overlaps({ start: at(1), end: at(3) }, { start: at(3), end: at(5) })).toBe(false);
    expect(overlaps({ start: at(1), end: at(4) }, { start: at(3), end: at(5) })).toBe(true);
    expect(overlaps({ start: at(2), end: at(3) }, { start: at(1), end: at(5) })).toBe(true);
  });
});
