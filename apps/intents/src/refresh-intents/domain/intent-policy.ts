import { ActingUser, ActorRef, mayDecideOnIntent } from '@envrefresh/kernel';
import { notInOwnerGroup, notRequester, roleRequired, selfApproval } from './intent.errors';
import { LifecycleAction } from './intent-state-machine';

export type GuardedAction = Exclude<LifecycleAction, 'auto-approve' | 'schedule'> | 'amend' | 'create';

/**
 * Who may do what to an intent, beyond the gateway's role check: requesters act on their own
 * intents only; approvers never on their own (separation of duties, admins included); approvers
 * and operators only on intents of environments their group owns (or as admin). The caller can
 * already see the intent (else it is a 404); seeing it through a notification group is not enough
 * to decide, so that is a 403 naming the owner group.
 */
export function assertMayPerform(
  user: ActingUser,
  action: GuardedAction,
  requestedBy: ActorRef,
  environmentOwnerGroup: string | null = null,
): void {
  const assertOwnerGroup = () => {
    if (
      !mayDecideOnIntent(user, {
        requestedBySub: requestedBy.sub,
        notificationGroups: [],
        environmentOwnerGroup,
      })
    )
      throw notInOwnerGroup(action, environmentOwnerGroup);
  };
  switch (action) {
    case 'create':
      if (!user.mayRequest) throw roleRequired(action, 'requester');
      return;
    case 'submit':
    case 'cancel':
    case 'amend':
      if (user.isAdmin) return;
      if (!user.mayRequest || user.sub !== requestedBy.sub) throw notRequester(action);
      return;
    case 'approve':
    case 'reject':
      if (!user.mayApprove) throw roleRequired(action, 'approver');
      if (user.sub === requestedBy.sub) throw selfApproval(action);
      assertOwnerGroup();
      return;
    case 'start':
    case 'complete':
    case 'fail':
    case 'rollback':
      if (!user.mayOperate) throw roleRequired(action, 'operator');
      assertOwnerGroup();
      return;
  }
}
