import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TEST_JWT_SECRET, createTestNamespace, deleteAmqpNamespace, testAmqpUrl } from '@envrefresh/testing';
import { RunningApp } from '../support/app-processes';
import { namespaceNames } from '@envrefresh/testing';
import { problemOf, startGateway } from './support/gateway-under-test';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const claims = { sub: 'mallory', roles: ['admin'], groups: [] };
const standard = { issuer: 'envrefresh', audience: 'envrefresh-api', expiresIn: 300 } as const;
const inFiveMinutes = () => Math.floor(Date.now() / 1000) + 300;

const b64 = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
/** Signs by hand, so no library can refuse to produce the attack. */
const hs256With = (secret: string, payload: object) => {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};
const algNone = (payload: object) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
const fullClaims = () => ({ ...claims, iss: 'envrefresh', aud: 'envrefresh-api', exp: inFiveMinutes() });

/** A route that needs no backend: an authenticated viewer is refused with 403, anyone else with 401. */
const ADMIN_ROUTE = '/api/v1/environments';

describe.each([
  ['RS256 with JWT_PUBLIC_KEY', { JWT_SECRET: '', JWT_PUBLIC_KEY: PUBLIC_PEM }],
  ['HS256 with JWT_SECRET', {}],
])('gateway verifying %s refuses every forged or broken token with 401 problem+json', (_mode, env) => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  let gateway: RunningApp;
  const rsMode = 'JWT_PUBLIC_KEY' in env;
  const validToken = (payload: object, options: jwt.SignOptions = {}, withStandardClaims = true) => {
    const signOptions = { ...(withStandardClaims ? standard : {}), ...options };
    return rsMode
      ? jwt.sign(payload, rsa.privateKey, { ...signOptions, algorithm: 'RS256' })
      : jwt.sign(payload, TEST_JWT_SECRET, { ...signOptions, algorithm: 'HS256' });
  };

  beforeAll(async () => {
    gateway = await startGateway(amqpUrl, namespace, env);
  }, 30_000);

  afterAll(async () => {
    await gateway?.process.stop();
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  });

  const post = (authorization?: string) =>
    fetch(`${gateway.baseUrl}${ADMIN_ROUTE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: '{}',
    });

  it('lets a valid token through authentication (a viewer is then 403, not 401)', async () => {
    const response = await post(`Bearer ${validToken({ sub: 'victor', roles: ['viewer'], groups: [] })}`);
    expect(response.status).toBe(403);
  });

  it.each<[string, () => string | undefined]>([
    ['no Authorization header', () => undefined],
    ['a scheme other than Bearer', () => `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['an empty bearer', () => 'Bearer '],
    ['a malformed token', () => 'Bearer not-a-jwt'],
    ['a token of three garbage parts', () => 'Bearer a.b.c'],
    [
      'a header that is not JSON',
      () => `Bearer ${Buffer.from('{{').toString('base64url')}.${b64(fullClaims())}.x`,
    ],
    ['a wrong signature', () => `Bearer ${validToken(claims).replace(/.{4}$/, 'AAAA')}`],
    [
      'a token signed by another key',
      () =>
        `Bearer ${
          rsMode
            ? jwt.sign(claims, otherRsa.privateKey, { ...standard, algorithm: 'RS256' })
            : hs256With('another-secret-that-is-long-enough-for-hs256', fullClaims())
        }`,
    ],
    ['alg none', () => `Bearer ${algNone(fullClaims())}`],
    ['alg none with a signature part', () => `Bearer ${algNone(fullClaims())}c2ln`],
    [
      'HS256 signed with the RSA public key as the secret',
      () => `Bearer ${hs256With(PUBLIC_PEM, fullClaims())}`,
    ],
    [
      'RS256 when the gateway holds a secret, or another RSA key',
      () => `Bearer ${jwt.sign(claims, otherRsa.privateKey, { ...standard, algorithm: 'RS256' })}`,
    ],
    ['an expired token', () => `Bearer ${validToken(claims, { expiresIn: -30 })}`],
    [
      'a token without exp',
      () => `Bearer ${validToken({ ...claims, iss: 'envrefresh', aud: 'envrefresh-api' }, {}, false)}`,
    ],
    ['a wrong issuer', () => `Bearer ${validToken(claims, { issuer: 'evil' })}`],
    ['a wrong audience', () => `Bearer ${validToken(claims, { audience: 'another-api' })}`],
    ['a token without sub', () => `Bearer ${validToken({ roles: ['admin'] })}`],
    ['roles that are not a list', () => `Bearer ${validToken({ sub: 'mallory', roles: 'admin' })}`],
    ['a token of 10 kB', () => `Bearer ${'a'.repeat(10_000)}`],
  ])('%s', async (_case, authorization) => {
    const response = await post(authorization());

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await problemOf(response)).toMatchObject({
      type: expect.any(String),
      title: 'Unauthorized',
      status: 401,
      detail: expect.any(String),
    });
  });

  it('answers 401 on every kind of route, reads and commands alike', async () => {
    const forged = `Bearer ${algNone(fullClaims())}`;
    const attempts = [
      ['GET', '/api/v1/environments'],
      ['GET', '/api/v1/intents/7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11'],
      ['PATCH', '/api/v1/intents/7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11'],
      ['POST', '/api/v1/intents/7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11/approve'],
      ['GET', '/api/v1/intents/7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11/history/verify'],
    ];
    for (const [method, path] of attempts) {
      const response = await fetch(`${gateway.baseUrl}${path}`, {
        method,
        headers: { authorization: forged, 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{"version":1}',
      });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 401 });
    }
  });
});
