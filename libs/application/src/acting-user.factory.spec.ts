import { actingUserOf } from './acting-user.factory';

describe('actingUserOf', () => {
  it('works out what the roles allow, with the role hierarchy', () => {
    expect(actingUserOf({ sub: 'a', roles: ['approver'], groups: ['qa', 'qa'] })).toEqual({
      sub: 'a',
      groups: ['qa'],
      isAdmin: false,
      mayRequest: true,
      mayApprove: true,
      mayOperate: false,
    });
    expect(actingUserOf({ sub: 'o', roles: ['operator'], groups: [] })).toMatchObject({
      mayRequest: false,
      mayOperate: true,
    });
    expect(actingUserOf({ sub: 'x', name: 'X', roles: ['admin'], groups: [] })).toMatchObject({
      name: 'X',
      isAdmin: true,
      mayRequest: true,
      mayApprove: true,
      mayOperate: true,
    });
  });
});
