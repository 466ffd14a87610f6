import { decideFiring, lateBySeconds } from './job-firing';

const plannedStart = new Date('2026-12-10T22:00:00Z');
const before = new Date('2026-12-10T21:00:00Z');
const after = new Date('2026-12-10T22:00:01Z');

describe('decideFiring', () => {
  it('fires a reminder while its start is still ahead', () => {
    expect(decideFiring({ kind: 'REMINDER' }, { intentStatus: 'SCHEDULED', plannedStart }, before)).toEqual({
      fire: 'schedule.reminder_due',
    });
  });

  it('skips a reminder whose start is due as well (after downtime)', () => {
    expect(
      decideFiring({ kind: 'REMINDER' }, { intentStatus: 'SCHEDULED', plannedStart }, plannedStart),
    ).toHaveProperty('skip');
  });

  it('always fires the start, late or not', () => {
    const late = new Date('2026-12-11T05:00:00Z');
    expect(decideFiring({ kind: 'START' }, { intentStatus: 'SCHEDULED', plannedStart }, late)).toEqual({
      fire: 'schedule.start_due',
    });
  });

  it.each([
    ['IN_PROGRESS', { fire: 'schedule.overrun' }],
    ['SCHEDULED', { fire: 'schedule.start_missed' }],
    ['APPROVED', { fire: 'schedule.start_missed' }],
  ] as const)('judges the overrun of a %s intent', (intentStatus, decision) => {
    expect(decideFiring({ kind: 'OVERRUN' }, { intentStatus, plannedStart }, after)).toEqual(decision);
  });

  it.each(['COMPLETED', 'FAILED', 'ROLLED_BACK', 'CANCELLED'] as const)(
    'has nothing to say of the overrun of a %s intent',
    (intentStatus) => {
      expect(decideFiring({ kind: 'OVERRUN' }, { intentStatus, plannedStart }, after)).toHaveProperty('skip');
    },
  );
});

describe('lateBySeconds', () => {
  it('is whole seconds after the due time, never negative', () => {
    expect(lateBySeconds(plannedStart, new Date('2026-12-10T22:01:30.900Z'))).toBe(90);
    expect(lateBySeconds(plannedStart, before)).toBe(0);
  });
});
