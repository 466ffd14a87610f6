import { ActingUser } from '@envrefresh/kernel';
import { mayNotCancel, notGroupMember, requesterRoleRequired } from './booking.errors';

/** Booking needs the requester role or one above it; checked before validation, so a viewer learns 403, not 400. */
export function assertMayBook(user: ActingUser): void {
  if (!user.isAdmin && !user.mayRequest) throw requesterRoleRequired();
}

/** Requesters book environments for their own groups; admins for any group. */
export function assertMayBookFor(user: ActingUser, group: string): void {
  if (!user.isAdmin && !user.groups.includes(group)) throw notGroupMember(group);
}

/**
 * The booking's creator, any member of its group, or an admin may cancel it: a booking is the
 * group's claim, so a colleague can release it while the creator is away. Read-only roles cannot.
 */
export function assertMayCancel(user: ActingUser, booking: { createdBySub: string; group: string }): void {
  if (user.isAdmin) return;
  if (!user.mayRequest) throw requesterRoleRequired();
  if (user.sub !== booking.createdBySub && !user.groups.includes(booking.group)) throw mayNotCancel();
}
