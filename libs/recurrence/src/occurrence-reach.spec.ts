import { occurrenceReachOf } from './occurrence-reach';
import { occurrencesWithin } from './recurrence';

describe('occurrenceReachOf', () => {
  it('is the window itself for a one-off window', () => {
    expect(occurrenceReachOf({ start: '2026-03-01T10:00:00Z', end: '2026-03-01T12:00:00Z' })).toEqual({
      start: new Date('2026-03-01T10:00:00Z'),
      end: new Date('2026-03-01T12:00:00Z'),
    });
  });

  it('never ends for an endless recurrence', () => {
    const reach = occurrenceReachOf({
      rrule: 'FREQ=DAILY',
      duration: 'PT8H',
      timezone: 'Europe/Berlin',
      startsAt: '2026-01-01T22:00:00+01:00',
    });
    expect(reach.end).toBeNull();
    expect(reach.start.getTime()).toBeLessThanOrEqual(Date.parse('2026-01-01T21:00:00Z'));
  });

  it('contains every occurrence of a counted or bounded recurrence', () => {
    for (const timing of [
      {
        rrule: 'FREQ=WEEKLY;COUNT=5',
        duration: 'PT8H',
        timezone: 'America/New_York',
        startsAt: '2026-02-28T22:00:00-05:00',
      },
      {
        rrule: 'FREQ=DAILY',
        duration: 'PT8H',
        timezone: 'Europe/Berlin',
        startsAt: '2026-03-20T22:00:00+01:00',
        until: '2026-04-05T00:00:00Z',
      },
      {
        rrule: 'FREQ=DAILY;UNTIL=20260405T000000Z',
        duration: 'PT2H',
        timezone: 'UTC',
        startsAt: '2026-03-20T22:00:00Z',
      },
    ]) {
      const reach = occurrenceReachOf(timing);
      const all = occurrencesWithin(timing, {
        start: new Date('2025-01-01T00:00:00Z'),
        end: new Date('2028-01-01T00:00:00Z'),
      });
      expect(all.length).toBeGreaterThan(0);
      expect(reach.end).not.toBeNull();
      for (const occurrence of all) {
        expect(occurrence.start.getTime()).toBeGreaterThanOrEqual(reach.start.getTime());
        expect(occurrence.end.getTime()).toBeLessThanOrEqual((reach.end as Date).getTime());
      }
    }
  });

  it('treats a COUNT too long to walk as endless rather than cutting it short', () => {
    const reach = occurrenceReachOf({
      rrule: 'FREQ=DAILY;COUNT=999999',
      duration: 'PT1H',
      timezone: 'UTC',
      startsAt: '2030-01-01T00:00:00Z',
    });
    expect(reach.end).toBeNull();
  });
});
