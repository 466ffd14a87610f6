import { ActingUser, DomainError } from '@envrefresh/kernel';
import { assertMayBook, assertMayBookFor, assertMayCancel } from './booking-policy';

function user(overrides: Partial<ActingUser> = {}): ActingUser {
  return {
    sub: 'rita',
    groups: ['qa'],
    isAdmin: false,
    mayRequest: true,
    mayApprove: false,
    mayOperate: false,
    ...overrides,
  };
}

function codeOf(action: () => void): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof DomainError) return `${error.kind}:${error.code}`;
    throw error;
  }
}

describe('booking policy', () => {
  const viewer = user({ mayRequest: false });
  const admin = user({ sub: 'ada', groups: [], isAdmin: true, mayRequest: true });

  it('lets requesters book for their own groups and admins for any', () => {
    expect(codeOf(() => assertMayBook(user()))).toBeUndefined();
    expect(codeOf(() => assertMayBookFor(user(), 'qa'))).toBeUndefined();
    expect(codeOf(() => assertMayBookFor(user(), 'payments'))).toBe('forbidden:BOOKING.NOT_GROUP_MEMBER');
    expect(codeOf(() => assertMayBookFor(admin, 'payments'))).toBeUndefined();
    expect(codeOf(() => assertMayBook(viewer))).toBe('forbidden:BOOKING.ROLE_REQUIRED');
  });

  it('lets the creator, a member of the group, or an admin cancel', () => {
    const booking = { createdBySub: 'rita', group: 'payments' };
    expect(codeOf(() => assertMayCancel(user(), booking))).toBeUndefined();
    expect(
      codeOf(() => assertMayCancel(user({ sub: 'rob', groups: ['payments'] }), booking)),
    ).toBeUndefined();
    expect(codeOf(() => assertMayCancel(admin, booking))).toBeUndefined();
    expect(codeOf(() => assertMayCancel(user({ sub: 'olga', groups: ['qa'] }), booking))).toBe(
      'forbidden:BOOKING.NOT_CANCELLABLE_BY_YOU',
    );
    expect(codeOf(() => assertMayCancel({ ...viewer, groups: ['payments'] }, booking))).toBe(
      'forbidden:BOOKING.ROLE_REQUIRED',
    );
  });
});
