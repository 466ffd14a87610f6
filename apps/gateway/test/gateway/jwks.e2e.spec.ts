import { generateKeyPairSync } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { createTestNamespace, deleteAmqpNamespace, testAmqpUrl } from '@envrefresh/testing';
import { RunningApp } from '../support/app-processes';
import { freePort } from '@envrefresh/testing';
import { namespaceNames } from '@envrefresh/testing';
import { problemOf, startGateway } from './support/gateway-under-test';

const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const JWK = { ...signing.publicKey.export({ format: 'jwk' }), kid: 'key-1', alg: 'RS256', use: 'sig' };
const claims = { sub: 'victor', roles: ['viewer'], groups: [] };
const rs256 = (key: typeof signing.privateKey, kid: string, payload: object = claims) =>
  jwt.sign(payload, key, {
    algorithm: 'RS256',
    keyid: kid,
    issuer: 'envrefresh',
    audience: 'envrefresh-api',
    expiresIn: 300,
  });

/** A tiny identity provider: serves a JWKS, or holds the request open to play a hung one. */
async function serveJwks(
  mode: 'serve' | 'hang',
): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const hung: http.ServerResponse[] = [];
  const server = http.createServer((_request, response) => {
    requests += 1;
    if (mode === 'hang') {
      hung.push(response);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [JWK] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    requests: () => requests,
    close: async () => {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('gateway verifying RS256 tokens against a JWKS URL', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  const gateways: RunningApp[] = [];
  let jwks: Awaited<ReturnType<typeof serveJwks>>;
  let hungJwks: Awaited<ReturnType<typeof serveJwks>>;
  let gateway: RunningApp;

  const adminRoute = (app: RunningApp, token: string) =>
    fetch(`${app.baseUrl}/api/v1/environments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });

  beforeAll(async () => {
    [jwks, hungJwks] = await Promise.all([serveJwks('serve'), serveJwks('hang')]);
    gateway = await startGateway(amqpUrl, namespace, { JWT_SECRET: '', JWT_JWKS_URL: jwks.url });
    gateways.push(gateway);
  }, 30_000);

  afterAll(async () => {
    await Promise.all(gateways.map((app) => app.process.stop()));
    await Promise.all([jwks?.close(), hungJwks?.close()]);
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  });

  it('accepts a token signed by a key of the set (a viewer is then 403 on an admin route)', async () => {
    expect((await adminRoute(gateway, rs256(signing.privateKey, 'key-1'))).status).toBe(403);
  });

  it('caches the key set instead of fetching it for every request', async () => {
    const before = jwks.requests();
    for (let i = 0; i < 5; i += 1) await adminRoute(gateway, rs256(signing.privateKey, 'key-1'));
    expect(jwks.requests()).toBe(before);
  });

  it.each([
    ['a kid the set does not hold', () => rs256(signing.privateKey, 'key-9')],
    ['a key outside the set, claiming its kid', () => rs256(stranger.privateKey, 'key-1')],
    [
      'HS256 signed with the published key as the secret',
      () =>
        jwt.sign(claims, JSON.stringify(JWK), {
          algorithm: 'HS256',
          keyid: 'key-1',
          issuer: 'envrefresh',
          audience: 'envrefresh-api',
          expiresIn: 300,
        }),
    ],
  ])('refuses %s with 401 problem+json', async (_case, token) => {
    const response = await adminRoute(gateway, token());
    expect(response.status).toBe(401);
    expect(await problemOf(response)).toMatchObject({ status: 401 });
  });

  it.each([
    ['nothing listens at the JWKS URL', async () => `http://127.0.0.1:${await freePort()}/jwks.json`],
    ['the JWKS endpoint never answers (fetch timeout)', async () => hungJwks.url],
  ])('answers 401, never 500, when %s', async (_case, url) => {
    const unreachable = await startGateway(amqpUrl, namespace, {
      JWT_SECRET: '',
      JWT_JWKS_URL: await url(),
      JWT_JWKS_TIMEOUT_MS: '300',
    });
    gateways.push(unreachable);
    const started = Date.now();
    const response = await adminRoute(unreachable, rs256(signing.privateKey, 'key-1'));

    expect(response.status).toBe(401);
    expect(await problemOf(response)).toMatchObject({ status: 401, detail: expect.stringContaining('keys') });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
