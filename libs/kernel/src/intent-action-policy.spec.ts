import { ActingUser, abilitiesOf } from './acting-user';
import { refusalOf } from './intent-action-policy';

const person = (sub: string, roles: string[], groups: string[] = []): ActingUser => ({
  sub,
  groups,
  ...abilitiesOf(roles),
});
const intentOf = (requestedBySub: string, environmentOwnerGroup: string | null = 'payments') => ({
  requestedBySub,
  environmentOwnerGroup,
});

describe('refusalOf', () => {
  it('lets a requester file, and refuses a viewer with the role it needs', () => {
    expect(refusalOf(person('ann', ['requester']), 'file', intentOf('ann'))).toBeNull();
    expect(refusalOf(person('vic', ['viewer']), 'file', intentOf('vic'))).toEqual({
      reason: 'role-required',
      role: 'requester',
    });
  });

  it("keeps a requester's own actions to the requester, or an admin", () => {
    expect(refusalOf(person('ann', ['requester']), 'request', intentOf('ann'))).toBeNull();
    expect(refusalOf(person('bob', ['approver'], ['payments']), 'request', intentOf('ann'))).toEqual({
      reason: 'not-requester',
    });
    expect(refusalOf(person('root', ['admin']), 'request', intentOf('ann'))).toBeNull();
  });

  it('lets an approver of the owner group decide, never on their own intent, admins included', () => {
    expect(refusalOf(person('bob', ['approver'], ['payments']), 'decide', intentOf('ann'))).toBeNull();
    expect(refusalOf(person('bob', ['approver'], ['payments']), 'decide', intentOf('bob'))).toEqual({
      reason: 'self-approval',
    });
    expect(refusalOf(person('root', ['admin']), 'decide', intentOf('root'))).toEqual({
      reason: 'self-approval',
    });
    expect(refusalOf(person('carl', ['approver'], ['search']), 'decide', intentOf('ann'))).toEqual({
      reason: 'not-in-owner-group',
    });
    expect(refusalOf(person('ann', ['requester']), 'decide', intentOf('bob'))).toEqual({
      reason: 'role-required',
      role: 'approver',
    });
  });

  it('lets an operator of the owner group operate, and refuses where the owner is unknown unless admin', () => {
    expect(refusalOf(person('ops', ['operator'], ['payments']), 'operate', intentOf('ann'))).toBeNull();
    expect(refusalOf(person('ops', ['operator'], ['payments']), 'operate', intentOf('ann', null))).toEqual({
      reason: 'not-in-owner-group',
    });
    expect(refusalOf(person('root', ['admin']), 'operate', intentOf('ann', null))).toBeNull();
    expect(refusalOf(person('bob', ['approver'], ['payments']), 'operate', intentOf('ann'))).toEqual({
      reason: 'role-required',
      role: 'operator',
    });
  });
});
