import { ActingUser, ActorRef } from '@envrefresh/kernel';
import { notRequester, roleRequired, selfApproval } from './intent.errors';
import { LifecycleAction } from './intent-state-machine';

export type GuardedAction = Exclude<LifecycleAction, 'auto-approve' | 'schedule'> | 'amend' | 'create';

/**
 * Who may do what to an intent, beyond the gateway's role check: requesters act on their own
 * intents only; approvers never on their own (separation of duties, admins included).
 */
export function assertMayPerform(user: ActingUser, action: GuardedAction, requestedBy: ActorRef): void {
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
      return;
    case 'start':
    case 'complete':
    case 'fail':
    case 'rollback':
      if (!user.mayOperate) throw roleRequired(action, 'operator');
      return;
  }
}
