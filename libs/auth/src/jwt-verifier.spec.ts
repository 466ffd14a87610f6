import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwtConfig } from './jwt.config';
import { InvalidTokenError, JwtVerifier } from './jwt-verifier';
import { VERIFIER_DEFAULTS } from './jwt-verifier.fixture';

const SECRET = 'a-test-secret-that-is-long-enough-123';
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const claims = { sub: 'alice', roles: ['requester'], groups: ['qa'], name: 'Alice' };
const standard = { issuer: 'envrefresh', audience: 'envrefresh-api', expiresIn: 60 } as const;

const DEFAULTS = VERIFIER_DEFAULTS;
const hsVerifier = new JwtVerifier({
  key: { kind: 'secret', algorithm: 'HS256', secret: SECRET },
  ...DEFAULTS,
});
const rsVerifier = new JwtVerifier({
  key: { kind: 'public-key', algorithm: 'RS256', publicKey: PUBLIC_PEM },
  ...DEFAULTS,
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

describe('JwtVerifier: token hygiene', () => {
  const now = () => Math.floor(Date.now() / 1000);
  // jsonwebtoken drops a given iat under noTimestamp, and adds one without it.
  const signRaw = (payload: object) =>
    jwt.sign({ iss: 'envrefresh', aud: 'envrefresh-api', ...payload }, SECRET, {
      noTimestamp: !('iat' in payload),
    });

  it.each([
    ['iat a year ahead', { sub: 'a', roles: [], iat: now() + 365 * 86_400, exp: now() + 365 * 86_400 + 60 }],
    ['iat two minutes ahead', { sub: 'a', roles: [], iat: now() + 120, exp: now() + 600 }],
    ['nbf two minutes ahead', { sub: 'a', roles: [], nbf: now() + 120, exp: now() + 600 }],
    ['exp: 1e300', { sub: 'a', roles: [], exp: 1e300 }],
    ['25 hours between iat and exp', { sub: 'a', roles: [], iat: now(), exp: now() + 25 * 3600 }],
    ['no iat and exp 25 hours from now', { sub: 'a', roles: [], exp: now() + 25 * 3600 }],
    ['an exp that just passed', { sub: 'a', roles: [], iat: now() - 60, exp: now() - 1 }],
  ])('refuses %s', async (_case, payload) => {
    await expect(hsVerifier.verify(signRaw(payload))).rejects.toThrow(InvalidTokenError);
  });

  it.each([
    [
      'iat and nbf within the skew',
      { sub: 'a', roles: [], iat: now() + 30, nbf: now() + 30, exp: now() + 600 },
    ],
    ['exactly 24 hours between iat and exp', { sub: 'a', roles: [], iat: now(), exp: now() + 24 * 3600 }],
    ['no iat, exp within 24 hours', { sub: 'a', roles: [], exp: now() + 3600 }],
    [
      'a client-credentials token without name or email',
      { sub: 'pipeline', roles: ['viewer'], exp: now() + 300 },
    ],
  ])('accepts %s', async (_case, payload) => {
    await expect(hsVerifier.verify(signRaw(payload))).resolves.toMatchObject({ sub: payload.sub });
  });

  it('accepts one spelling of a token only: padding or other trailing bits are 401', async () => {
    const token = sign(claims);
    await expect(hsVerifier.verify(token)).resolves.toMatchObject({ sub: 'alice' });
    const [header, payload, signature] = token.split('.');
    // A 32-byte HMAC is 43 characters: the last one carries 2 unused bits.
    const last = signature.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1];
    for (const variant of [
      `${token}=`,
      `${header}.${payload}.${signature.slice(0, -1)}${sibling}`,
      `${header}=.${payload}.${signature}`,
      `${header}.${payload}.${signature.replace(/-/g, '+').replace(/_/g, '/')}`,
    ]) {
      if (variant === token) continue;
      await expect(hsVerifier.verify(variant)).rejects.toThrow(InvalidTokenError);
    }
  });

  it('reads roles and groups where JWT_ROLES_CLAIM and JWT_GROUPS_CLAIM say', async () => {
    const keycloak = new JwtVerifier({
      key: { kind: 'secret', algorithm: 'HS256', secret: SECRET },
      ...DEFAULTS,
      rolesClaim: 'realm_access.roles',
      groupsClaim: 'https://envrefresh.dev/groups',
    });
    const token = sign({
      sub: 'kc-user',
      realm_access: { roles: ['approver'] },
      'https://envrefresh.dev/groups': ['payments'],
    });
    await expect(keycloak.verify(token)).resolves.toMatchObject({
      roles: ['approver'],
      groups: ['payments'],
    });
    await expect(keycloak.verify(sign({ sub: 'kc-user', roles: ['admin'] }))).rejects.toThrow(
      /realm_access.roles/,
    );
  });
});
