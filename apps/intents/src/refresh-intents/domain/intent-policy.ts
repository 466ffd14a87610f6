import { ACTION_KINDS, GuardedAction } from '@envrefresh/contracts';
import { ActingUser, ActorRef, DomainError, refusalOf } from '@envrefresh/kernel';
import { notInOwnerGroup, notRequester, roleRequired, selfApproval } from './intent.errors';

/**
 * Throws the reason the user may not take this action on an intent (libs/kernel `refusalOf`, the
 * rule the web page reads too). The caller can already see the intent (else it is a 404); seeing
 * it through a notification group is not enough to decide, so that is a 403 naming the owner group.
 */
export function assertMayPerform(
  user: ActingUser,
  action: GuardedAction,
  requestedBy: ActorRef,
  environmentOwnerGroup: string | null = null,
): void {
  const refusal = refusalOf(user, ACTION_KINDS[action], {
    requestedBySub: requestedBy.sub,
    environmentOwnerGroup,
  });
  if (refusal !== null) throw errorOf(refusal, action, environmentOwnerGroup);
}

function errorOf(
  refusal: NonNullable<ReturnType<typeof refusalOf>>,
  action: GuardedAction,
  environmentOwnerGroup: string | null,
): DomainError {
  switch (refusal.reason) {
    case 'role-required':
      return roleRequired(action, refusal.role);
    case 'not-requester':
      return notRequester(action);
    case 'self-approval':
      return selfApproval(action);
    case 'not-in-owner-group':
      return notInOwnerGroup(action, environmentOwnerGroup);
  }
}
