import jwt from 'jsonwebtoken';
import { TEST_JWT_SECRET } from '@envrefresh/testing';

export interface TokenClaims {
  sub: string;
  roles: string[];
  groups?: string[];
  name?: string;
  email?: string;
}

/**
 * A token the apps under test accept: HS256 with the test secret, the default issuer and
 * audience. Another secret gives a well-formed token they must refuse.
 */
export function signTestToken(claims: TokenClaims, secret = TEST_JWT_SECRET): string {
  return jwt.sign({ groups: [], ...claims }, secret, {
    algorithm: 'HS256',
    issuer: 'envrefresh',
    audience: 'envrefresh-api',
    expiresIn: 300,
  });
}
