import { ProvenUser } from '@envrefresh/auth';
import { ActingUser, abilitiesOf } from '@envrefresh/kernel';

/**
 * The user an assertion proved (ADR 0017) as the domain reads it: what the roles allow worked out
 * once, on the role ladder.
 */
export function actingUserOf(user: ProvenUser): ActingUser {
  return {
    sub: user.sub,
    ...(user.name === undefined ? {} : { name: user.name }),
    ...(user.email === undefined ? {} : { email: user.email }),
    groups: [...new Set(user.groups)],
    ...abilitiesOf(user.roles),
  };
}
