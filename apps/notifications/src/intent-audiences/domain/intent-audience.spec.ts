import { audienceGroups } from './intent-audience';

describe('audienceGroups', () => {
  it('merges the owner group with the intent groups once each', () => {
    expect(audienceGroups({ notificationGroups: ['qa', 'dba', 'qa'] }, 'dba')).toEqual(['dba', 'qa']);
    expect(audienceGroups({ notificationGroups: [] })).toEqual([]);
  });
});
