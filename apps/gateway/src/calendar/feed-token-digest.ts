import { createHash } from 'node:crypto';

/** What the gateway keeps of a feed token, for its rate limiter and its feed cache: a digest, never the token. */
export function feedTokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
