import { generateKeyPairSync } from 'node:crypto';
import { createTestNamespace, deleteAmqpNamespace, namespaceNames, testAmqpUrl } from '@envrefresh/testing';
import { RunningApp } from '../support/app-processes';
import { problemOf, startGateway } from '../gateway/support/gateway-under-test';

const signIn = (gateway: RunningApp, body: unknown) =>
  fetch(`${gateway.baseUrl}/api/v1/web/dev-sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const settingsOf = async (gateway: RunningApp) =>
  (await (await fetch(`${gateway.baseUrl}/api/v1/web/settings`)).json()) as Record<string, unknown>;

/** An admin-only route that answers without a service: the guard's verdict is the answer. */
const createEnvironment = (gateway: RunningApp, token: string) =>
  fetch(`${gateway.baseUrl}/api/v1/environments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });

/**
 * The web UI's development sign-in: a token minted with the development secret, offered only
 * where the gateway itself verifies with that secret, and absent in production.
 */
describe('the development sign-in', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  const gateways: RunningApp[] = [];
  let development: RunningApp;

  beforeAll(async () => {
    development = await startGateway(amqpUrl, namespace, { JWT_SECRET: '', NODE_ENV: 'development' });
    gateways.push(development);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.process.stop()));
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  });

  it('mints a token the gateway accepts, with exactly the roles asked for', async () => {
    expect(await settingsOf(development)).toMatchObject({ developmentSignIn: true, oidc: null });
    const response = await signIn(development, { sub: 'dev-alice', roles: ['viewer'], groups: ['qa'] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accessToken: string; development: boolean };
    expect(body.development).toBe(true);
    // Authenticated (not 401) and held to its role: a viewer may not create environments.
    expect((await createEnvironment(development, body.accessToken)).status).toBe(403);
    const admin = (await (
      await signIn(development, { sub: 'dev-ada', roles: ['admin'], groups: [] })
    ).json()) as {
      accessToken: string;
    };
    // An admin passes the guard and meets validation, naming the fields.
    expect((await createEnvironment(development, admin.accessToken)).status).toBe(400);
  });

  it('answers a bad request with problem+json naming the field', async () => {
    const response = await signIn(development, { sub: 'dev-bob', roles: ['overlord'], groups: [] });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'roles' })]);
  });

  it('is absent where a real key is configured, even outside production', async () => {
    const keyed = await startGateway(amqpUrl, namespace, { NODE_ENV: 'development' });
    gateways.push(keyed);
    expect(await settingsOf(keyed)).toMatchObject({ developmentSignIn: false });
    expect((await signIn(keyed, { sub: 'x', roles: ['admin'], groups: [] })).status).toBe(404);
  }, 60_000);

  it('is absent in production', async () => {
    const assertionKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' });
    const production = await startGateway(amqpUrl, namespace, {
      NODE_ENV: 'production',
      SERVICE_ASSERTION_PRIVATE_KEY: String(assertionKey),
    });
    gateways.push(production);
    expect(await settingsOf(production)).toMatchObject({ developmentSignIn: false });
    const response = await signIn(production, { sub: 'x', roles: ['admin'], groups: [] });
    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ status: 404 });
    // The page itself is still served, with its sign-in settings.
    expect((await fetch(`${production.baseUrl}/`)).status).toBe(200);
  }, 60_000);
});
