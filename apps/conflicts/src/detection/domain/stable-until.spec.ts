import { booking, intent, occurrence, situation, span } from './rules/situation.fixture';
import { stableUntil } from './stable-until';

const at = span('21:00', '21:00').start;
const horizonEnd = span('22:00', '22:00').start;
const time = (hhmm: string): string => span(hhmm, hhmm).start.toISOString();

describe('stableUntil (GET /freeze)', () => {
  it('is the end of what covers `at` when nothing starts sooner', () => {
    const world = situation({ blackouts: [occurrence(span('20:00', '21:40'))] });
    expect(stableUntil(world, at, horizonEnd).toISOString()).toBe(time('21:40'));
  });

  it('is the start of the next window, booking or refresh, whichever comes first', () => {
    const world = situation({
      blackouts: [occurrence(span('21:50', '23:00'))],
      bookings: [booking(span('21:20', '23:00'))],
      intents: [intent(span('21:30', '21:45'), { status: 'APPROVED' })],
      maintenance: [occurrence(span('21:25', '21:35'), { kind: 'MAINTENANCE' })],
    });
    expect(stableUntil(world, at, horizonEnd).toISOString()).toBe(time('21:20'));
  });

  it('ignores boundaries at or before `at`', () => {
    const world = situation({ bookings: [booking(span('20:00', '21:00')), booking(span('21:00', '21:10'))] });
    expect(stableUntil(world, at, horizonEnd).toISOString()).toBe(time('21:10'));
  });

  it('is capped at the horizon when nothing changes before it', () => {
    expect(stableUntil(situation(), at, horizonEnd)).toEqual(horizonEnd);
    const world = situation({ blackouts: [occurrence(span('20:00', '26:00'))] });
    expect(stableUntil(world, at, horizonEnd)).toEqual(horizonEnd);
  });
});
