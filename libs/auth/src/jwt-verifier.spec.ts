import jwt from 'jsonwebtoken';
import { JwtConfig } from './jwt.config';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';

const config: JwtConfig = {
  key: { algorithm: 'HS256', secret: 'a-test-secret-that-is-long-enough-123' },
  issuer: 'envrefresh',
  audience: 'envrefresh-api',
  usingDevelopmentSecret: false,
};
const verifier = new JwtVerifier(config);
const sign = (claims: object, options: jwt.SignOptions = {}) =>
  jwt.sign(claims, 'a-test-secret-that-is-long-enough-123', {
    issuer: 'envrefresh',
    audience: 'envrefresh-api',
    expiresIn: 60,
    ...options,
  });

describe('JwtVerifier', () => {
  it('returns the caller of a valid token', () => {
    expect(
      verifier.verify(sign({ sub: 'alice', roles: ['requester'], groups: ['qa'], name: 'Alice' })),
    ).toEqual({
      sub: 'alice',
      name: 'Alice',
      email: undefined,
      roles: ['requester'],
      groups: ['qa'],
    });
  });

  it.each([
    ['a wrong audience', sign({ sub: 'a', roles: [] }, { audience: 'other' })],
    ['a wrong issuer', sign({ sub: 'a', roles: [] }, { issuer: 'other' })],
    [
      'no exp',
      jwt.sign(
        { sub: 'a', roles: [], iss: 'envrefresh', aud: 'envrefresh-api' },
        'a-test-secret-that-is-long-enough-123',
      ),
    ],
    ['an expired token', sign({ sub: 'a', roles: [] }, { expiresIn: -10 })],
    ['roles that are not an array', sign({ sub: 'a', roles: 'admin' })],
    [
      'another key',
      jwt.sign({ sub: 'a', roles: [] }, 'some-other-secret-that-is-long-enough', {
        issuer: 'envrefresh',
        audience: 'envrefresh-api',
        expiresIn: 60,
      }),
    ],
    [
      'alg none',
      jwt.sign(
        {
          sub: 'a',
          roles: [],
          exp: Math.floor(Date.now() / 1000) + 60,
          iss: 'envrefresh',
          aud: 'envrefresh-api',
        },
        '',
        { algorithm: 'none' },
      ),
    ],
  ])('refuses %s', (_case, token) => {
    expect(() => verifier.verify(token)).toThrow(InvalidTokenError);
  });
});
