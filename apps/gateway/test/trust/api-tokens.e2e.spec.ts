import { ApiTokenView, CreatedApiTokenView, IntentView } from '@envrefresh/contracts';
import { ApiResponse } from '../api/support/api-client';
import { useApiSuite } from '../api/support/api-suite';
import { Lifecycle, OWNER_GROUP } from '../api/support/lifecycle';
import { Persona, persona } from '../api/support/personas';
import { signTestToken } from '../support/test-token';

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** SPEC "Machines": envrefresh API tokens (`/me/tokens`), and an identity provider's client-credentials JWT. */
describe('machines: API tokens and client-credentials tokens', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let intent: IntentView;
  /** A release manager of the owner group: sees the group's intents. */
  const owner = persona('rhea-release', ['requester'], [OWNER_GROUP]);
  const stranger = persona('sam-stranger', ['requester'], ['elsewhere']);

  const create = (as: Persona, body: Record<string, unknown>) =>
    suite.api.post<CreatedApiTokenView>('/me/tokens', { as, body });
  const asToken = (token: string, of: Persona = owner): Persona => ({ ...of, token });
  const expectProblem = (response: ApiResponse, status: number, field?: string) => {
    expect(response.status).toBe(status);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    if (field)
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  };

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    const environment = await lifecycle.createEnvironment();
    intent = await lifecycle.fileIntent(environment);
  });

  it('creates a token shown once, acts with it (creator’s groups, token’s roles), lists it without the secret, and revokes it at once', async () => {
    const created = await create(owner, {
      name: 'freeze check in CI',
      roles: ['viewer'],
      expiresAt: inDays(30),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'freeze check in CI',
      roles: ['viewer'],
      groups: [OWNER_GROUP],
      token: expect.stringMatching(/^ert_[A-Za-z0-9_-]{43}$/),
    });
    const machine = asToken(created.body.token);

    // The owner group's intent is visible to the token; filing needs requester, which the token lacks.
    expect((await suite.api.get<IntentView>(`/intents/${intent.id}`, { as: machine })).body).toMatchObject({
      id: intent.id,
    });
    const filing = await suite.api.post('/intents', { as: machine, body: {} });
    expect(filing.status).toBe(403);

    const listed = await suite.api.get<{ items: ApiTokenView[] }>('/me/tokens', { as: owner });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((token) => token.id)).toContain(created.body.id);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    const { rows } = await suite.db.query('SELECT secret_hash FROM intents.api_tokens WHERE id = $1', [
      created.body.id,
    ]);
    expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].secret_hash).not.toContain(created.body.token);

    expect(
      (await suite.api.request('DELETE', `/me/tokens/${created.body.id}`, { as: stranger })).status,
    ).toBe(404);
    const revoked = await suite.api.request<ApiTokenView>('DELETE', `/me/tokens/${created.body.id}`, {
      as: owner,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: created.body.id, revokedAt: expect.any(String) });
    expectProblem(await suite.api.get(`/intents/${intent.id}`, { as: machine }), 401);
    expect(
      (await suite.api.get<{ items: ApiTokenView[] }>('/me/tokens', { as: owner })).body.items.map(
        (t) => t.id,
      ),
    ).not.toContain(created.body.id);
  });

  it('gives a token at most its creator’s roles and a lifetime of at most a year, naming the field', async () => {
    expectProblem(
      await create(owner, { name: 'too strong', roles: ['approver'], expiresAt: inDays(1) }),
      403,
      'roles',
    );
    expectProblem(await create(owner, { name: 'too long', expiresAt: inDays(367) }), 400, 'expiresAt');
    expectProblem(await create(owner, { name: 'past', expiresAt: inDays(-1) }), 400, 'expiresAt');
    expectProblem(await create(owner, { name: '', expiresAt: inDays(1) }), 400, 'name');
    expectProblem(await create(owner, { name: 'odd', roles: ['root'], expiresAt: inDays(1) }), 400, 'roles');
    const defaults = await create(owner, { name: 'all of mine', expiresAt: inDays(365) });
    expect(defaults.status).toBe(201);
    expect(defaults.body.roles).toEqual(['requester']);
  });

  it('refuses a token minted by a token, and unknown or malformed tokens', async () => {
    const created = await create(owner, { name: 'pipeline', expiresAt: inDays(7) });
    const machine = asToken(created.body.token);
    expectProblem(await create(machine, { name: 'child', expiresAt: inDays(300) }), 403);
    expectProblem(await suite.api.get('/me/tokens', { as: asToken(`ert_${'A'.repeat(43)}`) }), 401);
    expectProblem(await suite.api.get('/me/tokens', { as: asToken('ert_short') }), 401);
  });

  it('accepts a client-credentials JWT that carries no name or email', async () => {
    const pipeline: Persona = {
      sub: 'svc-release-pipeline',
      name: '',
      roles: ['viewer'],
      groups: [],
      token: signTestToken({ sub: 'svc-release-pipeline', roles: ['viewer'] }),
    };
    const freeze = await suite.api.get(`/freeze?environmentId=${intent.environmentId}`, { as: pipeline });
    expect(freeze.status).toBe(200);
    expect(freeze.body).toMatchObject({ frozen: expect.any(Boolean) });
  });
});
