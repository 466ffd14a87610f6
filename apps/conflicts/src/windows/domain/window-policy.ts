import { ActingUser } from '@envrefresh/kernel';
import { adminRequired } from './window.errors';

/** Windows constrain every team's refreshes, so only admins create or delete them (SPEC "Identity and roles"). */
export function assertMayManageWindows(user: ActingUser, action: 'create' | 'delete'): void {
  if (!user.isAdmin) throw adminRequired(action);
}

/** Deleted windows are the auditors' record, read by admins only (`?includeDeleted=true`); anyone else asking is refused. */
export function assertMaySeeDeletedWindows(user: ActingUser): void {
  if (!user.isAdmin) throw adminRequired('list deleted');
}
