import { EventSubject, audienceGroups, reachedGroups } from './intent-audience';

const environment = {
  id: 'e1',
  key: 'uat-payments',
  name: 'UAT payments',
  tier: 'UAT',
  ownerGroup: 'payments',
  dependsOn: [],
  timezone: 'Europe/Berlin',
  updatedAt: '2030-01-01T00:00:00Z',
};

describe('audienceGroups', () => {
  it('merges the owner group with the intent groups once each', () => {
    expect(audienceGroups({ notificationGroups: ['qa', 'dba', 'qa'] }, 'dba')).toEqual(['dba', 'qa']);
    expect(audienceGroups({ notificationGroups: [] })).toEqual([]);
  });
});

describe('reachedGroups', () => {
  const subject: EventSubject = {
    environment,
    intent: {
      intentId: 'i1',
      environmentId: 'e1',
      status: 'APPROVED',
      requestedBy: { sub: 'rita' },
      notificationGroups: ['qa', 'payments'],
      planned: { start: '2030-01-01T10:00:00Z', end: '2030-01-01T12:00:00Z' },
      version: 2,
    },
    overlappingBookings: [{ id: 'b1', group: 'qa' }],
    dependents: [
      { key: 'sit-ledger', ownerGroup: 'ledger', depth: 1 },
      { key: 'dev-reports', ownerGroup: 'reports', depth: 2 },
    ],
  };

  it('names each group once, with every way it was reached', () => {
    expect(reachedGroups(subject)).toEqual([
      { group: 'ledger', reasons: ['owns dependent environment sit-ledger'] },
      {
        group: 'payments',
        reasons: ['owns environment uat-payments', "named in the refresh's notification groups"],
      },
      {
        group: 'qa',
        reasons: [
          "named in the refresh's notification groups",
          'holds booking b1 on uat-payments overlapping the refresh',
        ],
      },
      {
        group: 'reports',
        reasons: ['owns dependent environment dev-reports (2 levels down from uat-payments)'],
      },
    ]);
  });

  it('reaches nobody about an environment it does not know', () => {
    expect(
      reachedGroups({ environment: null, intent: null, overlappingBookings: [], dependents: [] }),
    ).toEqual([]);
  });
});
