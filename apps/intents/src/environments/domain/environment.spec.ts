import { ValidationError } from '@envrefresh/kernel';
import { Environment } from './environment';

const NOW = new Date('2030-01-01T00:00:00Z');
const minimal = { key: 'uat-payments', name: ' Payments UAT ', tier: 'UAT', ownerGroup: 'payments' };

function problems(work: () => unknown): string[] {
  try {
    work();
  } catch (error) {
    return (error as ValidationError).problems.map((problem) => `${problem.field}`);
  }
  throw new Error('expected a refusal');
}

describe('Environment', () => {
  it('applies the documented defaults', () => {
    expect(Environment.create(minimal, 'id-1', NOW).snapshot()).toEqual({
      id: 'id-1',
      key: 'uat-payments',
      name: 'Payments UAT',
      tier: 'UAT',
      ownerGroup: 'payments',
      dependsOn: [],
      maintenanceWindows: [],
      requiresApproval: true,
      timezone: 'UTC',
      reminderLeadTimes: ['P7D', 'P1D', 'PT1H'],
      overrunGrace: 'PT30M',
      lastRefreshedAt: null,
      version: 1,
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it.each(['a', 'UAT', '-uat', 'uat_payments', `u${'x'.repeat(63)}`])('refuses the key %p', (key) => {
    expect(problems(() => Environment.create({ ...minimal, key }, 'id', NOW))).toEqual(['key']);
  });

  it('names every bad field at once, unknown ones included', () => {
    expect(
      problems(() =>
        Environment.create(
          {
            key: 'ok-key',
            tier: 'PROD',
            ownerGroup: ' ',
            timezone: 'Mars/Olympus',
            reminderLeadTimes: ['P1D', '1 hour'],
            overrunGrace: '30 minutes',
            requiresApproval: 'no',
            dependsOn: ['Bad Key'],
            colour: 'red',
          },
          'id',
          NOW,
        ),
      ),
    ).toEqual([
      'name',
      'colour',
      'tier',
      'ownerGroup',
      'dependsOn',
      'requiresApproval',
      'timezone',
      'reminderLeadTimes',
      'overrunGrace',
    ]);
  });

  it('validates maintenance windows as one-off or recurring, by path', () => {
    const windows = [
      { name: 'ok', start: '2030-01-01T22:00:00Z', end: '2030-01-02T02:00:00Z' },
      { start: '2030-01-02T02:00:00Z', end: '2030-01-01T22:00:00Z' },
      {
        rrule: 'FREQ=WEEKLY;BYDAY=SA',
        duration: 'PT8H',
        timezone: 'Europe/Paris',
        startsAt: '2030-01-04T22:00:00+01:00',
      },
      {
        rrule: 'every saturday',
        duration: '8h',
        timezone: 'Nowhere',
        startsAt: '2030-01-04T22:00:00+01:00',
        until: '2029-01-01T00:00:00Z',
      },
      { start: '2030-01-01T22:00:00Z', end: '2030-01-02T02:00:00Z', rrule: 'FREQ=DAILY' },
      'tonight',
    ];
    expect(
      problems(() => Environment.create({ ...minimal, maintenanceWindows: windows }, 'id', NOW)),
    ).toEqual([
      'maintenanceWindows[1].end',
      'maintenanceWindows[3].rrule',
      'maintenanceWindows[3].duration',
      'maintenanceWindows[3].timezone',
      'maintenanceWindows[3].until',
      'maintenanceWindows[4]',
      'maintenanceWindows[5]',
    ]);
    const kept = Environment.create({ ...minimal, maintenanceWindows: [windows[0], windows[2]] }, 'id', NOW);
    expect(kept.snapshot().maintenanceWindows).toEqual([windows[0], windows[2]]);
  });

  it('refuses to change the key, and changes nothing (no new version) for an identical patch', () => {
    expect(problems(() => Environment.readChanges({ key: 'other' }))).toEqual(['key']);
    const environment = Environment.create(minimal, 'id', NOW);
    expect(environment.apply(Environment.readChanges({ name: 'Payments UAT', tier: 'UAT' }), NOW)).toBe(
      false,
    );
    expect(
      environment.apply(Environment.readChanges({ requiresApproval: false, timezone: 'Europe/Paris' }), NOW),
    ).toBe(true);
    expect(environment.snapshot()).toMatchObject({
      requiresApproval: false,
      timezone: 'Europe/Paris',
      version: 2,
    });
  });

  it('only moves freshness forward', () => {
    const environment = Environment.create(minimal, 'id', NOW);
    const later = new Date('2030-02-01T00:00:00Z');
    expect(environment.recordRefresh(later, later)).toBe(true);
    expect(environment.recordRefresh(NOW, later)).toBe(false);
    expect(environment.snapshot()).toMatchObject({ lastRefreshedAt: later, version: 2 });
  });
});
