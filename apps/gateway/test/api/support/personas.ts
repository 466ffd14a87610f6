import { signTestToken } from '../../support/test-token';

export interface Persona {
  sub: string;
  name: string;
  roles: string[];
  groups: string[];
  token: string;
}

/** A user the gateway accepts: a signed HS256 token carrying exactly these claims. */
export function persona(sub: string, roles: string[], groups: string[] = []): Persona {
  const name = sub.replace(
    /(^|-)(\w)/g,
    (_match, dash: string, letter: string) => `${dash ? ' ' : ''}${letter.toUpperCase()}`,
  );
  return { sub, name, roles, groups, token: signTestToken({ sub, name, roles, groups }) };
}

/** The same user seen with other roles: to prove it is the role, not the person, that the gateway refuses. */
export function withRoles(someone: Persona, roles: string[]): Persona {
  return persona(someone.sub, roles, someone.groups);
}
