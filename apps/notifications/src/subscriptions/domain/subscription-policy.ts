import { ActingUser } from '@envrefresh/kernel';
import { subscriptionForbidden } from './subscription.errors';
import { Subscription } from './subscription';

/**
 * Admins manage every subscription; a member (requester or above) those that speak only for
 * groups of theirs, so nobody subscribes a stranger's group or reads what it is told.
 */
export function mayManageSubscriptionFor(user: ActingUser, groups: readonly string[]): boolean {
  if (user.isAdmin) return true;
  return user.mayRequest && groups.length > 0 && groups.every((group) => user.groups.includes(group));
}

export function assertMayCreateFor(user: ActingUser, groups: readonly string[]): void {
  if (mayManageSubscriptionFor(user, groups)) return;
  if (!user.mayRequest) throw subscriptionForbidden('Only requesters and above may subscribe');
  throw subscriptionForbidden(
    groups.length === 0
      ? 'Only an admin may subscribe to every event: name your groups in filter.groups'
      : 'filter.groups may name only groups you are in (admins: any)',
  );
}

/** Whether the caller sees it in lists: admins all, others those naming one of their groups. */
export function maySeeSubscription(user: ActingUser, subscription: Subscription): boolean {
  return user.isAdmin || subscription.filter.groups.some((group) => user.groups.includes(group));
}
