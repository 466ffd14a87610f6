import type { ActingUser } from './acting-user';
import { mayDecideOnIntent } from './intent-access';

/**
 * What an action on an intent asks of its caller (libs/contracts' ACTION_KINDS says which action
 * is which): `file` a new intent, `request` (the requester's own submit, cancel, amend), `decide`
 * (approve, reject), `operate` (start, complete, fail, roll back).
 */
export type IntentActionKind = 'file' | 'request' | 'decide' | 'operate';

/** Why a caller may not take an action; null from `refusalOf` when they may. */
export type IntentActionRefusal =
  | { reason: 'role-required'; role: 'requester' | 'approver' | 'operator' }
  | { reason: 'not-requester' }
  | { reason: 'self-approval' }
  | { reason: 'not-in-owner-group' };

/** What the rule reads about the intent acted on. */
export interface ActedOnIntent {
  requestedBySub: string;
  /** Owner group of the intent's environment; null when it is not known here. */
  environmentOwnerGroup: string | null;
}

/**
 * Who may do what to an intent (SPEC.md "Identity and roles"), beyond the gateway's role check:
 * requesters act on their own intents only (admins on any); approvers never on their own
 * (separation of duties, admins included); approvers and operators only on intents of
 * environments their group owns, or as admin. Written once: the intents service enforces it and
 * the web page offers only what it would allow.
 */
export function refusalOf(
  user: ActingUser,
  kind: IntentActionKind,
  intent: ActedOnIntent,
): IntentActionRefusal | null {
  const ownerGroupRefusal = (): IntentActionRefusal | null =>
    mayDecideOnIntent(user, {
      requestedBySub: intent.requestedBySub,
      notificationGroups: [],
      environmentOwnerGroup: intent.environmentOwnerGroup,
    })
      ? null
      : { reason: 'not-in-owner-group' };
  switch (kind) {
    case 'file':
      return user.mayRequest ? null : { reason: 'role-required', role: 'requester' };
    case 'request':
      if (user.isAdmin) return null;
      return user.mayRequest && user.sub === intent.requestedBySub ? null : { reason: 'not-requester' };
    case 'decide':
      if (!user.mayApprove) return { reason: 'role-required', role: 'approver' };
      if (user.sub === intent.requestedBySub) return { reason: 'self-approval' };
      return ownerGroupRefusal();
    case 'operate':
      if (!user.mayOperate) return { reason: 'role-required', role: 'operator' };
      return ownerGroupRefusal();
  }
}
