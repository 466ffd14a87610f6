import { DomainError, Problems, ROLES, Role, grantsAny, parseInstant } from '@envrefresh/kernel';

/** SPEC "Machines": a token lives at most a year. */
export const API_TOKEN_MAX_LIFETIME_YEARS = 1;
/** Tokens a user may hold at once, so a list of them stays one page. */
export const API_TOKENS_PER_USER = 50;
const NAME_MAX_LENGTH = 100;

export interface ApiTokenRequest {
  name: string;
  roles: Role[];
  expiresAt: Date;
}

/**
 * `POST /me/tokens` checked: a name, roles each held by the creator (all of theirs by default),
 * and an expiry in the future and at most a year ahead.
 */
export function readApiTokenRequest(
  input: { name?: unknown; roles?: unknown; expiresAt?: unknown } | undefined,
  creatorRoles: readonly string[],
  now: Date,
): ApiTokenRequest {
  const problems = new Problems();
  const name = typeof input?.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > NAME_MAX_LENGTH)
    problems.add('name', `must be a non-empty string of at most ${NAME_MAX_LENGTH} characters`);
  const roles = readRoles(input?.roles, problems);
  const expiresAt = parseInstant(input?.expiresAt, 'expiresAt', problems);
  if (expiresAt) {
    const latest = new Date(now);
    latest.setUTCFullYear(latest.getUTCFullYear() + API_TOKEN_MAX_LIFETIME_YEARS);
    if (expiresAt <= now) problems.add('expiresAt', 'must be in the future');
    else if (expiresAt > latest)
      problems.add('expiresAt', `must be at most ${API_TOKEN_MAX_LIFETIME_YEARS} year ahead`);
  }
  problems.throwIfAny('TOKEN.INVALID');
  const held = roles ?? ROLES.filter((role) => creatorRoles.includes(role));
  const beyond = held.filter((role) => !grantsAny(creatorRoles, [role]));
  if (beyond.length > 0)
    throw new DomainError(
      'forbidden',
      'TOKEN.ROLE_NOT_HELD',
      `A token may carry only roles you hold, not ${beyond.join(', ')}`,
      {
        problems: [{ field: 'roles', message: `holds roles you do not have: ${beyond.join(', ')}` }],
      },
    );
  return { name, roles: held, expiresAt: expiresAt as Date };
}

function readRoles(value: unknown, problems: Problems): Role[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((role) => !(ROLES as readonly unknown[]).includes(role))
  ) {
    problems.add('roles', `must be a non-empty array of ${ROLES.join(', ')}`);
    return undefined;
  }
  return [...new Set(value as Role[])];
}

export function tooManyTokens(): DomainError {
  return new DomainError(
    'unprocessable',
    'TOKEN.TOO_MANY',
    `You hold ${API_TOKENS_PER_USER} tokens already; revoke one first`,
  );
}

export function tokenNotFound(id: unknown): DomainError {
  return new DomainError('not-found', 'TOKEN.NOT_FOUND', `No API token ${String(id)} of yours`);
}
