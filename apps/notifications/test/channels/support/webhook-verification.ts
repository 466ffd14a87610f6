import { createHmac, timingSafeEqual } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';

/**
 * What a receiver of `x-envrefresh-signature` does (docs/notifications): take t and every v1,
 * recompute the hex HMAC-SHA256 of "t.body" with the key bytes, accept when one matches.
 */
export function verifiesEnvrefreshSignature(
  headers: IncomingHttpHeaders,
  body: string,
  key: Buffer,
): boolean {
  const header = String(headers['x-envrefresh-signature'] ?? '');
  const parts = header.split(',').map((part) => part.split('=', 2) as [string, string]);
  const t = parts.find(([name]) => name === 't')?.[1];
  if (!t) return false;
  const expected = createHmac('sha256', key).update(`${t}.${body}`).digest();
  return parts
    .filter(([name]) => name === 'v1')
    .some(([, hex]) => {
      const given = Buffer.from(hex, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
