import { reactionTo } from './schedule-reaction';

const window = {
  plannedStart: new Date('2026-12-10T22:00:00Z'),
  plannedEnd: new Date('2026-12-11T02:00:00Z'),
};
const moved = {
  plannedStart: new Date('2026-12-12T22:00:00Z'),
  plannedEnd: new Date('2026-12-13T02:00:00Z'),
};

describe('reactionTo', () => {
  it('creates a schedule for an approved intent that has none', () => {
    expect(reactionTo({ ...window, status: 'APPROVED' }, null)).toBe('create');
  });

  it('keeps the schedule of the window it was approved with; replaces one of another window', () => {
    expect(reactionTo({ ...window, status: 'APPROVED' }, window)).toBe('none');
    expect(reactionTo({ ...moved, status: 'APPROVED' }, window)).toBe('replace');
  });

  it.each(['DRAFT', 'REQUESTED', 'REJECTED', 'CANCELLED'] as const)(
    'cancels the schedule of a %s intent',
    (status) => {
      expect(reactionTo({ ...window, status }, window)).toBe('cancel');
    },
  );

  it.each(['COMPLETED', 'FAILED', 'ROLLED_BACK'] as const)(
    'finishes the schedule of a %s intent',
    (status) => {
      expect(reactionTo({ ...window, status }, window)).toBe('finish');
    },
  );

  it('leaves a scheduled or running intent alone, and does nothing without a schedule', () => {
    expect(reactionTo({ ...window, status: 'SCHEDULED' }, window)).toBe('none');
    expect(reactionTo({ ...window, status: 'IN_PROGRESS' }, window)).toBe('none');
    expect(reactionTo({ ...window, status: 'CANCELLED' }, null)).toBe('none');
  });
});
