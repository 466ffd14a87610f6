import { CalendarWindow } from './calendar-sources';
import { bookingEntry, icalStamp, refreshEntry, windowEntry, windowPlacement } from './calendar-entries';

const ENV_QA = '11111111-1111-4111-8111-111111111111';
const ENV_UAT = '22222222-2222-4222-8222-222222222222';
const tierOf = (id: string) => ({ [ENV_QA]: 'QA' as const, [ENV_UAT]: 'UAT' as const })[id];

const window = (scope: Partial<Pick<CalendarWindow, 'scopeEnvironmentIds' | 'scopeTiers'>>) => ({
  scopeEnvironmentIds: [],
  scopeTiers: [],
  ...scope,
});

describe('windowPlacement', () => {
  it('shows a global window once, under no environment, on an unfiltered calendar', () => {
    expect(windowPlacement(window({}), {}, tierOf)).toEqual({ environmentId: null });
  });

  it('shows a window scoped to one environment under it', () => {
    expect(windowPlacement(window({ scopeEnvironmentIds: [ENV_QA] }), {}, tierOf)).toEqual({
      environmentId: ENV_QA,
    });
  });

  it('shows every window covering the asked environment (by id, tier or globally) under its id', () => {
    for (const scope of [{}, { scopeEnvironmentIds: [ENV_QA] }, { scopeTiers: ['QA' as const] }])
      expect(windowPlacement(window(scope), { environmentId: ENV_QA }, tierOf)).toEqual({
        environmentId: ENV_QA,
      });
    expect(
      windowPlacement(window({ scopeTiers: ['UAT'] }), { environmentId: ENV_QA }, tierOf),
    ).toBeUndefined();
    expect(
      windowPlacement(window({ scopeEnvironmentIds: [ENV_UAT] }), { environmentId: ENV_QA }, tierOf),
    ).toBeUndefined();
  });

  it('shows on a tier calendar the windows of that tier or of one of its environments', () => {
    expect(windowPlacement(window({ scopeTiers: ['QA'] }), { tier: 'QA' }, tierOf)).toEqual({
      environmentId: null,
    });
    expect(windowPlacement(window({ scopeEnvironmentIds: [ENV_QA] }), { tier: 'QA' }, tierOf)).toEqual({
      environmentId: ENV_QA,
    });
    expect(windowPlacement(window({ scopeTiers: ['UAT'] }), { tier: 'QA' }, tierOf)).toBeUndefined();
  });
});

describe('entries', () => {
  const updatedAt = new Date('2026-11-30T10:00:00Z');

  it('gives a refresh a UID of its id and the intent version as sequence', () => {
    const entry = refreshEntry({
      intentId: '33333333-3333-4333-8333-333333333333',
      environmentId: ENV_QA,
      refreshType: 'MASKED_COPY',
      status: 'CANCELLED',
      plannedStart: new Date('2027-01-01T10:00:00Z'),
      plannedEnd: new Date('2027-01-01T12:00:00Z'),
      requestedBySub: 'rita',
      notificationGroups: [],
      version: 4,
      updatedAt,
    });
    expect(entry).toMatchObject({
      kind: 'REFRESH',
      uid: 'refresh-33333333-3333-4333-8333-333333333333@envrefresh',
      sequence: 4,
      status: 'CANCELLED',
      title: 'MASKED_COPY refresh of an environment',
    });
  });

  it('marks a cancelled booking and raises its sequence', () => {
    const booking = {
      id: '44444444-4444-4444-8444-444444444444',
      environmentId: ENV_QA,
      start: new Date('2027-01-01T10:00:00Z'),
      end: new Date('2027-01-01T12:00:00Z'),
      group: 'payments',
      purpose: 'release testing',
      priority: 'HIGH' as const,
      updatedAt,
    };
    expect(bookingEntry({ ...booking, cancelled: false })).toMatchObject({ status: 'ACTIVE', sequence: 0 });
    expect(bookingEntry({ ...booking, cancelled: true })).toMatchObject({ status: 'CANCELLED', sequence: 1 });
  });

  it('tells occurrences of a recurring window apart by their start, and keeps a one-off UID plain', () => {
    const blackout: CalendarWindow = {
      id: '55555555-5555-4555-8555-555555555555',
      kind: 'BLACKOUT',
      name: 'Night freeze',
      scopeEnvironmentIds: [],
      scopeTiers: [],
      timing: { start: '2027-01-01T22:00:00Z', end: '2027-01-02T06:00:00Z' },
      updatedAt,
    };
    const occurrence = { start: new Date('2027-01-01T21:00:00Z'), end: new Date('2027-01-02T05:00:00Z') };
    expect(windowEntry(blackout, occurrence, { environmentId: null }, true).uid).toBe(
      'blackout-55555555-5555-4555-8555-555555555555-20270101T210000Z@envrefresh',
    );
    expect(windowEntry(blackout, occurrence, { environmentId: null }, false).uid).toBe(
      'blackout-55555555-5555-4555-8555-555555555555@envrefresh',
    );
  });

  it('writes instants as RFC 5545 UTC date-times', () => {
    expect(icalStamp(new Date('2027-03-27T21:00:00.000Z'))).toBe('20270327T210000Z');
  });
});
