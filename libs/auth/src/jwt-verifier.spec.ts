import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwtConfig } from './jwt.config';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';

const SECRET = 'a-test-secret-that-is-long-enough-123';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const claims = { sub: 'alice', roles: ['requester'], groups: ['qa'], name: 'Alice' };
const standard = { issuer: 'envrefresh', audience: 'envrefresh-api', expiresIn: 60 } as const;

const hsVerifier = new JwtVerifier({
  key: { kind: 'secret', algorithm: 'HS256', secret: SECRET },
  issuer: 'envrefresh',
  audience: 'envrefresh-api',
  usingDevelopmentSecret: false,
});
const rsVerifier = new JwtVerifier({
  key: { kind: 'public-key', algorithm: 'RS256', publicKey: PUBLIC_PEM },
  issuer: 'envrefresh',
  audience: 'envrefresh-api',
  usingDevelopmentSecret: false,
} satisfies JwtConfig);

const sign = (payload: object, options: jwt.SignOptions = {}) =>
  jwt.sign(payload, SECRET, { ...standard, ...options });
const unsigned = (header: object, payload: object) =>
  [header, payload].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.';
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

describe('JwtVerifier', () => {
  it('returns the caller of a valid HS256 token', async () => {
    await expect(hsVerifier.verify(sign(claims))).resolves.toEqual({
      sub: 'alice',
      name: 'Alice',
      email: undefined,
      roles: ['requester'],
      groups: ['qa'],
    });
  });

  it('returns the caller of a valid RS256 token', async () => {
    const token = jwt.sign(claims, rsa.privateKey, { ...standard, algorithm: 'RS256' });
    await expect(rsVerifier.verify(token)).resolves.toMatchObject({ sub: 'alice', roles: ['requester'] });
  });

  it.each([
    ['a wrong audience', sign({ sub: 'a', roles: [] }, { audience: 'other' })],
    ['a wrong issuer', sign({ sub: 'a', roles: [] }, { issuer: 'other' })],
    ['no exp', jwt.sign({ sub: 'a', roles: [], iss: 'envrefresh', aud: 'envrefresh-api' }, SECRET)],
    ['no iss', jwt.sign({ sub: 'a', roles: [] }, SECRET, { audience: 'envrefresh-api', expiresIn: 60 })],
    ['no sub', sign({ roles: [] })],
    ['an expired token', sign({ sub: 'a', roles: [] }, { expiresIn: -10 })],
    ['roles that are not an array', sign({ sub: 'a', roles: 'admin' })],
    ['another key', jwt.sign({ sub: 'a', roles: [] }, 'some-other-secret-that-is-long-enough', standard)],
    [
      'alg none',
      unsigned(
        { alg: 'none', typ: 'JWT' },
        { sub: 'a', roles: ['admin'], exp: inAMinute(), iss: 'envrefresh', aud: 'envrefresh-api' },
      ),
    ],
    ['RS256 when the key is a secret', jwt.sign(claims, rsa.privateKey, { ...standard, algorithm: 'RS256' })],
    ['garbage', 'not.a.token'],
    ['an oversized token', 'a'.repeat(10_000)],
  ])('refuses %s (HS256 configured)', async (_case, token) => {
    await expect(hsVerifier.verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it.each([
    [
      'HS256 signed with the RSA public key as the secret',
      jwt.sign(claims, PUBLIC_PEM, { ...standard, algorithm: 'HS256' }),
    ],
    [
      'alg none',
      unsigned({ alg: 'none' }, { ...claims, exp: inAMinute(), iss: 'envrefresh', aud: 'envrefresh-api' }),
    ],
    [
      'another RSA key',
      jwt.sign(claims, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, {
        ...standard,
        algorithm: 'RS256',
      }),
    ],
  ])('refuses %s (RS256 configured)', async (_case, token) => {
    await expect(rsVerifier.verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('refuses algorithm confusion because of the algorithm, before any key is tried', async () => {
    const confused = jwt.sign(claims, PUBLIC_PEM, { ...standard, algorithm: 'HS256' });
    const none = unsigned(
      { alg: 'none' },
      { ...claims, exp: inAMinute(), iss: 'envrefresh', aud: 'envrefresh-api' },
    );
    await expect(rsVerifier.verify(confused)).rejects.toThrow(/algorithm/);
    await expect(rsVerifier.verify(none)).rejects.toThrow(/algorithm/);
    await expect(hsVerifier.verify(none)).rejects.toThrow(/algorithm/);
  });
});
