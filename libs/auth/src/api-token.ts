import { createHash, randomBytes } from 'node:crypto';

/**
 * envrefresh API tokens (SPEC "Machines"): `ert_` and 32 random bytes in base64url. The prefix
 * tells them from a JWT at a glance (and to secret scanners); only the SHA-256 is stored.
 */
export const API_TOKEN_PREFIX = 'ert_';
/** The whole token: the prefix and 32 bytes in unpadded base64url; the API document shows it too. */
export const API_TOKEN_PATTERN = `^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`;
const API_TOKEN = new RegExp(API_TOKEN_PATTERN);

export function newApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Does this bearer credential claim to be an API token (rather than a JWT)? */
export function looksLikeApiToken(credential: string): boolean {
  return credential.startsWith(API_TOKEN_PREFIX);
}

export function isWellFormedApiToken(credential: string): boolean {
  return API_TOKEN.test(credential);
}

export function apiTokenHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** What a list shows of a token: enough to recognise it, never enough to use it. */
export function apiTokenHint(secret: string): string {
  return `${secret.slice(0, API_TOKEN_PREFIX.length + 4)}…`;
}
