import fc from 'fast-check';
import { RRuleTemporal } from 'rrule-temporal';
import { addToLocal, instantOfLocal } from './local-time';
import { wallClockAt } from './wall-clock';
import { parseDuration } from './window-duration';

const local = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString();

// Temporal (the polyfill rrule-temporal ships) is the reference: a UTC ZonedDateTime to start from.
const utcBase = new RRuleTemporal({
  rruleString: 'FREQ=DAILY',
  dtstart: { timeZoneId: 'UTC', toString: () => '2000-01-01T00:00:00+00:00[UTC]' },
  tzid: 'UTC',
}).options().dtstart;
const temporalInstantOf = (localMs: number, timeZone: string) =>
  utcBase
    .add({ milliseconds: localMs - utcBase.epochMilliseconds })
    .toPlainDateTime()
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
const temporalAdd = (localMs: number, duration: string) =>
  utcBase
    .add({ milliseconds: localMs - utcBase.epochMilliseconds })
    .toPlainDateTime()
    .add(duration)
    .toZonedDateTime('UTC').epochMilliseconds;

describe('instantOfLocal', () => {
  it('reads an ordinary local time with the offset in force', () => {
    expect(iso(instantOfLocal(local('2026-01-15T22:00:00'), 'Europe/Berlin'))).toBe(
      '2026-01-15T21:00:00.000Z',
    );
    expect(iso(instantOfLocal(local('2026-07-15T22:00:00'), 'Europe/Berlin'))).toBe(
      '2026-07-15T20:00:00.000Z',
    );
    expect(iso(instantOfLocal(local('2026-07-15T22:00:00'), 'Asia/Kathmandu'))).toBe(
      '2026-07-15T16:15:00.000Z',
    );
  });

  it('moves a time the clocks skip forward by the length of the skip', () => {
    expect(iso(instantOfLocal(local('2026-03-29T02:30:00'), 'Europe/Berlin'))).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(iso(instantOfLocal(local('2026-03-08T02:15:00'), 'America/New_York'))).toBe(
      '2026-03-08T07:15:00.000Z',
    );
  });

  it('takes the earlier instant of a time the clocks repeat', () => {
    expect(iso(instantOfLocal(local('2026-10-25T02:30:00'), 'Europe/Berlin'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(iso(instantOfLocal(local('2026-11-01T01:30:00'), 'America/New_York'))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Australia/Lord_Howe', // a 30-minute DST change
    'Pacific/Apia', // skipped 30 December 2011 entirely
    'Europe/London',
    'America/St_Johns',
    'Asia/Kathmandu',
    'UTC',
  ];
  const transitions = [
    ['Europe/Berlin', '2026-03-29T02:00:00'],
    ['Europe/Berlin', '2026-10-25T02:00:00'],
    ['America/New_York', '2026-03-08T02:00:00'],
    ['America/New_York', '2026-11-01T01:00:00'],
    ['Australia/Lord_Howe', '2026-04-05T01:30:00'],
    ['Australia/Lord_Howe', '2026-10-04T02:00:00'],
    ['Pacific/Apia', '2011-12-30T00:00:00'],
  ] as const;

  it('agrees with Temporal on random local times across years and zones', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({
          min: local('2005-01-01T00:00:00') / 60_000,
          max: local('2040-01-01T00:00:00') / 60_000,
        }),
        (zone, minute) => {
          expect(iso(instantOfLocal(minute * 60_000, zone))).toBe(
            iso(temporalInstantOf(minute * 60_000, zone)),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  // The polyfill misses short offset changes that the runtime's own zone data has (Morocco leaves
  // +01 for Ramadan, e.g. from 2018-05-13 02:00Z): there the runtime (Intl) is the reference.
  it('reads every local time back from the instant it gives, or a later one when the clocks skip it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones, 'Africa/Casablanca'),
        fc.integer({
          min: local('2005-01-01T00:00:00') / 60_000,
          max: local('2040-01-01T00:00:00') / 60_000,
        }),
        (zone, minute) => {
          const localMs = minute * 60_000;
          const readBack = Date.parse(`${wallClockAt(new Date(instantOfLocal(localMs, zone)), zone)}Z`);
          if (readBack !== localMs) {
            expect(readBack).toBeGreaterThan(localMs);
            expect(readBack - localMs).toBeLessThanOrEqual(24 * 3_600_000);
          }
        },
      ),
      { numRuns: 3000 },
    );
    expect(iso(instantOfLocal(local('2018-05-13T03:00:00'), 'Africa/Casablanca'))).toBe(
      '2018-05-13T03:00:00.000Z',
    );
    expect(iso(instantOfLocal(local('2018-05-12T03:00:00'), 'Africa/Casablanca'))).toBe(
      '2018-05-12T02:00:00.000Z',
    );
  });

  it('agrees with Temporal around daylight-saving changes, minute by minute', () => {
    for (const [zone, around] of transitions) {
      for (let minute = -180; minute <= 1620; minute += 7) {
        const localMs = local(around) + minute * 60_000;
        expect([zone, iso(localMs), iso(instantOfLocal(localMs, zone))]).toEqual([
          zone,
          iso(localMs),
          iso(temporalInstantOf(localMs, zone)),
        ]);
      }
    }
  });
});

describe('addToLocal', () => {
  it('adds on the local calendar: months keep the day where they can', () => {
    const add = (at: string, duration: string) => iso(addToLocal(local(at), parseDuration(duration)!));
    expect(add('2026-01-31T22:00:00', 'P1M')).toBe('2026-02-28T22:00:00.000Z');
    expect(add('2028-01-31T22:00:00', 'P1M')).toBe('2028-02-29T22:00:00.000Z');
    expect(add('2028-02-29T22:00:00', 'P1Y')).toBe('2029-02-28T22:00:00.000Z');
    expect(add('2026-03-28T22:00:00', 'PT8H')).toBe('2026-03-29T06:00:00.000Z');
    expect(add('2026-12-31T23:30:00', 'P1DT1H30M0.25S')).toBe('2027-01-02T01:00:00.250Z');
  });

  it('agrees with Temporal`s PlainDateTime.add', () => {
    const aDuration = fc
      .tuple(fc.nat(2), fc.nat(13), fc.nat(3), fc.nat(40), fc.nat(30), fc.nat(90), fc.nat(90))
      .map(([y, mo, w, d, h, mi, s]) => `P${y}Y${mo}M${w}W${d}DT${h}H${mi}M${s}S`);
    fc.assert(
      fc.property(
        fc.integer({
          min: local('2000-01-01T00:00:00') / 60_000,
          max: local('2040-01-01T00:00:00') / 60_000,
        }),
        aDuration,
        (minute, duration) => {
          expect(iso(addToLocal(minute * 60_000, parseDuration(duration)!))).toBe(
            iso(temporalAdd(minute * 60_000, duration)),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
