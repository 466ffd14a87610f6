import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TEST_JWT_SECRET, createTestNamespace, deleteAmqpNamespace, testAmqpUrl } from '@envrefresh/testing';
import { RunningApp } from '../support/app-processes';
import { namespaceNames } from '@envrefresh/testing';
import { problemOf, startGateway } from './support/gateway-under-test';
import {
  API_PREFIX,
  OpenApiRoute,
  fetchOpenApi,
  openApiRoutes,
  takesBearer,
} from '../security/support/openapi-routes';
import { concretePath, minimalInit } from '../security/support/route-requests';

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
const nowSeconds = () => Math.floor(Date.now() / 1000);
/** A canonical base64url segment spelled again with its unused trailing bits set: the same bytes, another text. */
const respelled = (segment: string) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(segment[segment.length - 1]);
  return `${segment.slice(0, -1)}${alphabet[last ^ 1]}`;
};

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

  /** Signs any header and payload with the gateway's own key, so only the claims can be wrong. */
  const signedByTheKey = (payload: object) => {
    const input = `${b64({ alg: rsMode ? 'RS256' : 'HS256', typ: 'JWT' })}.${b64(payload)}`;
    const signature = rsMode
      ? sign('sha256', Buffer.from(input), rsa.privateKey).toString('base64url')
      : createHmac('sha256', TEST_JWT_SECRET).update(input).digest('base64url');
    return `${input}.${signature}`;
  };
  let routes: OpenApiRoute[];

  beforeAll(async () => {
    // Thousands of refused requests from one address: the per-address limit would answer 429.
    gateway = await startGateway(amqpUrl, namespace, { RATE_LIMIT_PER_MINUTE: '1000000', ...env });
    routes = openApiRoutes(await fetchOpenApi(gateway.baseUrl)).filter(takesBearer);
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
    // The hand-made tokens below are refused for their claims, not for how they are signed.
    const byHand = await post(
      `Bearer ${signedByTheKey({ ...fullClaims(), roles: ['viewer'], iat: nowSeconds() })}`,
    );
    expect(byHand.status).toBe(403);
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
    [
      'a validly signed token over 8 KiB (claims padded)',
      () => `Bearer ${signedByTheKey({ ...fullClaims(), padding: 'x'.repeat(9_000) })}`,
    ],
    ['not yet valid (nbf 5 minutes ahead)', () => `Bearer ${validToken(claims, { notBefore: 300 })}`],
    [
      'issued in the future (iat 5 minutes ahead)',
      () => `Bearer ${signedByTheKey({ ...fullClaims(), iat: nowSeconds() + 300 })}`,
    ],
    [
      'living longer than JWT_MAX_LIFETIME (25 h)',
      () => `Bearer ${signedByTheKey({ ...fullClaims(), iat: nowSeconds(), exp: nowSeconds() + 25 * 3600 })}`,
    ],
    [
      'a token without iss',
      () => `Bearer ${signedByTheKey({ ...claims, aud: 'envrefresh-api', exp: inFiveMinutes() })}`,
    ],
    [
      'a token without aud',
      () => `Bearer ${signedByTheKey({ ...claims, iss: 'envrefresh', exp: inFiveMinutes() })}`,
    ],
    ['a token without roles', () => `Bearer ${signedByTheKey({ ...fullClaims(), roles: undefined })}`],
    ['an empty sub', () => `Bearer ${signedByTheKey({ ...fullClaims(), sub: '' })}`],
    ['groups that are not a list', () => `Bearer ${signedByTheKey({ ...fullClaims(), groups: 'admins' })}`],
    ['exp that is not a number', () => `Bearer ${signedByTheKey({ ...fullClaims(), exp: 'tomorrow' })}`],
    [
      'a tampered payload: a viewer raised to admin, the signature kept',
      () => {
        const [header, , signature] = validToken({ sub: 'victor', roles: ['viewer'], groups: [] }).split('.');
        return `Bearer ${header}.${b64(fullClaims())}.${signature}`;
      },
    ],
    [
      'the signature spelled another way (unused trailing bits set)',
      () => {
        const [header, payload, signature] = validToken(claims).split('.');
        return `Bearer ${header}.${payload}.${respelled(signature)}`;
      },
    ],
    ['two tokens in one header', () => `Bearer ${validToken(claims)} ${validToken(claims)}`],
  ])('%s: 401 problem+json on every route the OpenAPI document lists', async (_case, authorization) => {
    const header = authorization();
    const refusals = [];
    for (const route of routes) {
      const response = await fetch(`${gateway.baseUrl}${API_PREFIX}${concretePath(route)}`, {
        ...minimalInit(route),
        headers: {
          ...(minimalInit(route).headers as Record<string, string>),
          ...(header ? { authorization: header } : {}),
        },
      });
      const problem = response.status === 401 ? await problemOf(response) : await response.text();
      refusals.push({
        route: route.route,
        status: response.status,
        challenge: /^Bearer/.test(response.headers.get('www-authenticate') ?? ''),
        problem,
      });
    }

    expect(refusals).toEqual(
      routes.map((route) => ({
        route: route.route,
        status: 401,
        challenge: true,
        problem: expect.objectContaining({
          type: expect.any(String),
          title: 'Unauthorized',
          status: 401,
          detail: expect.any(String),
        }),
      })),
    );
    expect(routes.length).toBeGreaterThan(40);
  });
});
