import { grantsAny } from './roles';

/** A person (or service account) recorded on a resource. */
export interface ActorRef {
  sub: string;
  name?: string;
  email?: string;
}

/** The caller, with what their roles let them do already worked out (`abilitiesOf`). */
export interface ActingUser extends ActorRef {
  groups: string[];
  isAdmin: boolean;
  /** requester or above: file and manage their own intents. */
  mayRequest: boolean;
  /** approver or admin: approve and reject. */
  mayApprove: boolean;
  /** operator or admin: start, complete, fail, roll back. */
  mayOperate: boolean;
}

/** What a set of roles lets its holder do, worked out once on the role ladder (roles.ts). */
export function abilitiesOf(
  roles: readonly string[],
): Pick<ActingUser, 'isAdmin' | 'mayRequest' | 'mayApprove' | 'mayOperate'> {
  return {
    isAdmin: roles.includes('admin'),
    mayRequest: grantsAny(roles, ['requester']),
    mayApprove: grantsAny(roles, ['approver']),
    mayOperate: grantsAny(roles, ['operator']),
  };
}

/** The actor of what the service does by itself (auto-approval, scheduling). */
export const SYSTEM_ACTOR: ActorRef = Object.freeze({ sub: 'system', name: 'envrefresh' });

/** Only the identifying members, without undefined ones, so stored and hashed forms are stable. */
export function actorRefOf(user: ActorRef): ActorRef {
  return {
    sub: user.sub,
    ...(user.name === undefined ? {} : { name: user.name }),
    ...(user.email === undefined ? {} : { email: user.email }),
  };
}
