import { grantsAny } from '@envrefresh/auth';
import { Actor } from '@envrefresh/contracts';
import { ActingUser, ValidationError } from '@envrefresh/kernel';

/**
 * The gateway's verified claims as the domain reads them. A malformed actor (only possible when
 * something other than the gateway calls) is a 400, never a 500.
 */
export function actingUserOf(actor: unknown): ActingUser {
  const candidate = (actor ?? {}) as Partial<Actor>;
  const stringList = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (
    typeof candidate.sub !== 'string' ||
    candidate.sub.trim() === '' ||
    !stringList(candidate.roles) ||
    !stringList(candidate.groups)
  ) {
    throw new ValidationError('REQUEST.INVALID', [
      { field: 'actor', message: 'must carry sub, roles[] and groups[] from a verified token' },
    ]);
  }
  const roles = candidate.roles;
  return {
    sub: candidate.sub,
    ...(typeof candidate.name === 'string' ? { name: candidate.name } : {}),
    ...(typeof candidate.email === 'string' ? { email: candidate.email } : {}),
    groups: [...new Set(candidate.groups)],
    isAdmin: roles.includes('admin'),
    mayRequest: grantsAny(roles, ['requester']),
    mayApprove: grantsAny(roles, ['approver']),
    mayOperate: grantsAny(roles, ['operator']),
  };
}
