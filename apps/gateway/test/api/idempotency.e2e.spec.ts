import { randomUUID } from 'node:crypto';
import { EnvironmentView, IntentView } from '@envrefresh/contracts';
import { ApiResponse } from './support/api-client';
import { useApiSuite } from './support/api-suite';
import { Lifecycle } from './support/lifecycle';
import { nextWindow } from './support/windows';

describe('Idempotency-Key on creating POSTs', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let environment: EnvironmentView;

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    environment = await lifecycle.createEnvironment();
  });

  const intentBody = (overrides: Record<string, unknown> = {}) => ({
    environmentId: environment.id,
    refreshType: 'GOLDEN_COPY',
    ...nextWindow(),
    reason: 'Golden copy before the performance run',
    ...overrides,
  });
  const postIntent = (key: string | undefined, body: unknown) =>
    suite.api.post<IntentView>('/intents', {
      as: lifecycle.cast.requester,
      body,
      headers: key ? { 'idempotency-key': key } : {},
    });
  const intentIdsOf = async (environmentId: string) => {
    const list = await suite.api.get<{ items: IntentView[] }>('/intents', {
      as: lifecycle.cast.requester,
      query: { environmentId, limit: 100 },
    });
    expect(list.status).toBe(200);
    return list.body.items.map((item) => item.id);
  };

  const expectUnprocessable = (response: ApiResponse) => {
    expect(response.status).toBe(422);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 422, type: expect.any(String), title: expect.any(String) });
  };

  describe('POST /intents', () => {
    it('answers the same key and body twice with the same response, and files one intent', async () => {
      const own = await lifecycle.createEnvironment();
      const key = randomUUID();
      const body = intentBody({ environmentId: own.id, submit: true });

      const first = await postIntent(key, body);
      const second = await postIntent(key, body);

      expect(first.status).toBe(201);
      expect(second.status).toBe(first.status);
      expect(second.body).toEqual(first.body);
      expect(await intentIdsOf(own.id)).toEqual([first.body.id]);
    });

    it('answers the same key with another body with 422, and files nothing more', async () => {
      const own = await lifecycle.createEnvironment();
      const key = randomUUID();
      const body = intentBody({ environmentId: own.id });
      const first = await postIntent(key, body);
      expect(first.status).toBe(201);

      expectUnprocessable(await postIntent(key, { ...body, reason: 'Another reason entirely' }));
      expect(await intentIdsOf(own.id)).toEqual([first.body.id]);
    });

    it('files two intents for the same body under two keys', async () => {
      const own = await lifecycle.createEnvironment();
      const body = intentBody({ environmentId: own.id });

      const first = await postIntent(randomUUID(), body);
      const second = await postIntent(randomUUID(), body);

      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).not.toBe(first.body.id);
      expect(new Set(await intentIdsOf(own.id))).toEqual(new Set([first.body.id, second.body.id]));
    });
  });

  describe('POST /environments', () => {
    const postEnvironment = (key: string, body: unknown) =>
      suite.api.post<EnvironmentView>('/environments', {
        as: lifecycle.cast.admin,
        body,
        headers: { 'idempotency-key': key },
      });
    const environmentBody = (envKey: string, overrides: Record<string, unknown> = {}) => ({
      key: envKey,
      name: 'UAT payments',
      tier: 'UAT',
      ownerGroup: 'payments',
      ...overrides,
    });

    it('answers the same key and body twice with the same response, and creates one environment', async () => {
      const key = randomUUID();
      const envKey = `uat-${randomUUID().slice(0, 8)}`;

      const first = await postEnvironment(key, environmentBody(envKey));
      const second = await postEnvironment(key, environmentBody(envKey));

      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      const list = await suite.api.get<{ items: EnvironmentView[] }>('/environments', {
        as: lifecycle.cast.admin,
        query: { limit: 100 },
      });
      expect(list.body.items.filter((item) => item.key === envKey).map((item) => item.id)).toEqual([
        first.body.id,
      ]);
    });

    it('answers the same key with another body with 422, and creates nothing', async () => {
      const key = randomUUID();
      const first = await postEnvironment(key, environmentBody(`uat-${randomUUID().slice(0, 8)}`));
      expect(first.status).toBe(201);
      const otherKey = `uat-${randomUUID().slice(0, 8)}`;

      expectUnprocessable(await postEnvironment(key, environmentBody(otherKey)));
      const lookup = await suite.api.get(`/environments/${otherKey}`, { as: lifecycle.cast.admin });
      expect(lookup.status).toBe(404);
    });
  });
});
