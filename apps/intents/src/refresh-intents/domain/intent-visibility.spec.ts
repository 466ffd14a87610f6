import { canSee } from './intent-visibility';
import { people } from './refresh-intent.fixture';

const intent = {
  requestedBySub: 'rita',
  notificationGroups: ['release-train'],
  environmentOwnerGroup: 'payments',
};

describe('row-level visibility of an intent', () => {
  it('shows it to admins, its requester, the owner group and the notified groups only', () => {
    expect(canSee(people.admin, intent)).toBe(true);
    expect(canSee(people.requester, intent)).toBe(true);
    expect(canSee({ ...people.approver, groups: ['payments'] }, intent)).toBe(true);
    expect(canSee({ ...people.operator, groups: ['release-train'] }, intent)).toBe(true);
    expect(canSee({ ...people.approver, groups: ['marketing'] }, intent)).toBe(false);
    expect(canSee(people.viewer, { ...intent, environmentOwnerGroup: null })).toBe(false);
  });
});
