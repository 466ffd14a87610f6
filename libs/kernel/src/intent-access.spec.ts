import { canSeeIntent, mayDecideOnIntent } from './intent-access';

const intent = {
  requestedBySub: 'rita',
  notificationGroups: ['release-train'],
  environmentOwnerGroup: 'payments',
};
const viewer = (sub: string, groups: string[], isAdmin = false) => ({ sub, groups, isAdmin });

describe('who may see an intent', () => {
  it('shows it to admins, its requester, the owner group and the notified groups only', () => {
    expect(canSeeIntent(viewer('ada', [], true), intent)).toBe(true);
    expect(canSeeIntent(viewer('rita', []), intent)).toBe(true);
    expect(canSeeIntent(viewer('paul', ['payments']), intent)).toBe(true);
    expect(canSeeIntent(viewer('nora', ['release-train']), intent)).toBe(true);
    expect(canSeeIntent(viewer('mark', ['marketing']), intent)).toBe(false);
    expect(canSeeIntent(viewer('vic', []), { ...intent, environmentOwnerGroup: null })).toBe(false);
  });

  it('never matches an unknown requester to anyone', () => {
    expect(canSeeIntent(viewer('', []), { ...intent, requestedBySub: null })).toBe(false);
  });
});

describe('who may decide on an intent', () => {
  it('is the owner group of its environment, or an admin', () => {
    expect(mayDecideOnIntent(viewer('paul', ['payments']), intent)).toBe(true);
    expect(mayDecideOnIntent(viewer('ada', [], true), intent)).toBe(true);
  });

  it('is never a notified group, nor the requester as such, nor anyone where the environment is unknown', () => {
    expect(mayDecideOnIntent(viewer('nora', ['release-train']), intent)).toBe(false);
    expect(mayDecideOnIntent(viewer('rita', []), intent)).toBe(false);
    expect(mayDecideOnIntent(viewer('paul', ['payments']), { ...intent, environmentOwnerGroup: null })).toBe(
      false,
    );
  });
});
