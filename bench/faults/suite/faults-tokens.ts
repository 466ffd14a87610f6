import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** The group that owns every environment the harness makes; all its users belong to it. */
export const FAULTS_GROUP = 'faults';

/** One user per role the load plays: nobody approves their own intent, so requester and approver differ. */
export interface FaultsTokens {
  /** The JWT_SECRET the apps verify with: random per run, so a token is useless afterwards. */
  secret: string;
  admin: string;
  requester: string;
  approver: string;
  operator: string;
}

/** HS256 tokens with the default issuer and audience (what `npm run token` signs), valid for the run. */
export function createFaultsTokens(lifetimeSeconds: number): FaultsTokens {
  const secret = randomBytes(32).toString('hex');
  const sign = (sub: string, roles: string[]) =>
    jwt.sign({ sub, name: sub, email: `${sub}@example.test`, roles, groups: [FAULTS_GROUP] }, secret, {
      algorithm: 'HS256',
      issuer: 'envrefresh',
      audience: 'envrefresh-api',
      expiresIn: Math.min(lifetimeSeconds, 24 * 3600),
    });
  return {
    secret,
    admin: sign('faults-admin', ['admin']),
    requester: sign('faults-requester', ['requester']),
    approver: sign('faults-approver', ['approver']),
    operator: sign('faults-operator', ['operator']),
  };
}
