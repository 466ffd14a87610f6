import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** The group that owns the bench environment; the requester belongs to it. */
export const BENCH_GROUP = 'bench';

export interface BenchTokens {
  /** The JWT_SECRET the apps verify with: random per run, so a bench token is useless afterwards. */
  secret: string;
  admin: string;
  requester: string;
}

/** HS256 tokens with the default issuer and audience, valid for longer than any run. */
export function createBenchTokens(): BenchTokens {
  const secret = randomBytes(32).toString('hex');
  const sign = (sub: string, roles: string[]) =>
    jwt.sign({ sub, name: sub, roles, groups: [BENCH_GROUP] }, secret, {
      algorithm: 'HS256',
      issuer: 'envrefresh',
      audience: 'envrefresh-api',
      expiresIn: '2h',
    });
  return { secret, admin: sign('bench-admin', ['admin']), requester: sign('bench-requester', ['requester']) };
}
