import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// A feed token is the only credential of `GET /calendar.ics`: 256 random bits, shown once, kept
// as its SHA-256 (a stolen table reveals no token), compared in constant time.

const TOKEN_PREFIX = 'erc_';
const TOKEN_BYTES = 32;

export function newFeedToken(): string {
  return TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
}

export function feedTokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function sameTokenHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
