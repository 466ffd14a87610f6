import { randomUUID } from 'node:crypto';
import { DeliveryView, Page, SubscriptionView, SubscriptionWithSecret } from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ApiResponse } from '../api/support/api-client';
import { useApiSuite } from '../api/support/api-suite';
import { OWNER_GROUP, expectStatus } from '../api/support/lifecycle';
import { Persona, persona } from '../api/support/personas';
import { NotificationScene, notificationsEnv } from './support/notification-scene';
import { WebhookReceiver } from './support/webhook-receiver';

function expectProblem(response: ApiResponse, status: number, field?: string): void {
  expect({ status: response.status, type: response.contentType }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  if (field)
    expect((response.body.errors ?? []).map((error: { field: string }) => error.field)).toContain(field);
}

describe('subscriptions and deliveries through the API', () => {
  const suite = useApiSuite(notificationsEnv());
  let receiver: WebhookReceiver;
  let scene: NotificationScene;
  const member = persona('mia-member', ['requester'], [OWNER_GROUP]);
  const viewer = persona('vic-viewer', ['viewer'], [OWNER_GROUP]);
  const outsider = persona('otis-outsider', ['requester'], ['elsewhere']);

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    scene = new NotificationScene(suite);
  });

  afterAll(async () => {
    await receiver?.close();
  });

  const post = <T = unknown>(path: string, as: Persona, body?: unknown) =>
    suite.api.post<T>(path, { as, body });
  const webhook = (overrides: Record<string, unknown> = {}) => ({
    channel: 'WEBHOOK',
    target: receiver.url('api'),
    filter: { groups: [OWNER_GROUP] },
    ...overrides,
  });

  it('creates a webhook subscription for a member of its group: the secret once, the target as scheme and host', async () => {
    const created = await post<SubscriptionWithSecret>('/subscriptions', member, webhook());
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/subscriptions/${created.body.id}`);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(created.body.target).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const listed = await suite.api.get<Page<SubscriptionView>>('/subscriptions', { as: viewer });
    expect(listed.status).toBe(200);
    const shown = listed.body.items.find((item) => item.id === created.body.id)!;
    expect(shown).toMatchObject({ target: created.body.target, enabled: true });
    expect(shown).not.toHaveProperty('secret');
    const hidden = await suite.api.get<Page<SubscriptionView>>('/subscriptions', { as: outsider });
    expect(hidden.body.items.map((item) => item.id)).not.toContain(created.body.id);
  });

  it('creates one subscription for one Idempotency-Key, answering the same (secret included) again', async () => {
    const headers = { 'idempotency-key': randomUUID() };
    const body = webhook({ target: receiver.url('idempotent') });
    const first = await suite.api.post<SubscriptionWithSecret>('/subscriptions', {
      as: member,
      body,
      headers,
    });
    const again = await suite.api.post<SubscriptionWithSecret>('/subscriptions', {
      as: member,
      body,
      headers,
    });
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await suite.api.post('/subscriptions', {
      as: member,
      body: { ...body, target: receiver.url('other') },
      headers,
    });
    expectProblem(other, 422);
  });

  it('refuses who may not subscribe that way: viewers, strangers to the group, members without groups', async () => {
    expectProblem(await post('/subscriptions', viewer, webhook()), 403);
    expectProblem(await post('/subscriptions', outsider, webhook()), 403);
    expectProblem(await post('/subscriptions', member, webhook({ filter: {} })), 403);
    const admin = await post<SubscriptionWithSecret>('/subscriptions', scene.admin, webhook({ filter: {} }));
    expect(admin.status).toBe(201);
  });

  it.each([
    ['channel', { channel: 'PIGEON' }],
    ['target', { target: '' }],
    ['target', { target: 'not a url' }],
    ['target', { target: 'https://10.0.0.7/hook' }],
    ['target', { target: 'https://169.254.169.254/latest' }],
    ['target', { channel: 'EMAIL', target: 'nobody-at-example' }],
    ['secret', { secret: 'whsec_short' }],
    ['secret', { secret: 42 }],
    ['filter.groups[0]', { filter: { groups: ['no spaces allowed'] } }],
    ['filter.environmentIds[0]', { filter: { groups: [OWNER_GROUP], environmentIds: ['nope'] } }],
    ['filter.tiers[0]', { filter: { groups: [OWNER_GROUP], tiers: ['PROD'] } }],
    ['filter.eventTypes', { filter: { groups: [OWNER_GROUP], eventTypes: [] } }],
    ['filter.eventTypes[0]', { filter: { groups: [OWNER_GROUP], eventTypes: ['notification.failed'] } }],
    ['colour', { colour: 'red' }],
  ])('answers 400 naming %s for a bad subscription', async (field, overrides) => {
    const response = await post('/subscriptions', scene.admin, webhook(overrides));
    expectProblem(response, 400);
    expect(JSON.stringify((response.body as { errors?: unknown }).errors)).toContain(
      field.replace(/\[\d+\]$/, ''),
    );
  });

  it('pauses, resumes, rotates, tests and deletes, for who may manage it; 404 for who may not see it', async () => {
    const created = (
      await post<SubscriptionWithSecret>(
        '/subscriptions',
        member,
        webhook({ target: receiver.url('manage') }),
      )
    ).body;
    const path = `/subscriptions/${created.id}`;
    expectProblem(await suite.api.patch(path, { as: outsider, body: { enabled: false } }), 404);
    expectProblem(await suite.api.patch(path, { as: viewer, body: { enabled: false } }), 403);
    expectProblem(await suite.api.patch(path, { as: member, body: { enabled: 'no' } }), 400, 'enabled');
    expectProblem(await suite.api.patch(path, { as: member, body: {} }), 400, 'enabled');
    const paused = await suite.api.patch<SubscriptionView>(path, { as: member, body: { enabled: false } });
    expect(paused.body.enabled).toBe(false);
    const resumed = await suite.api.patch<SubscriptionView>(path, { as: member, body: { enabled: true } });
    expect(resumed.body.enabled).toBe(true);

    const rotated = await post<SubscriptionWithSecret>(`${path}/rotate-secret`, member);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);

    const tested = await post<DeliveryView>(`${path}/test`, member);
    expectStatus(tested, 200, 'POST /subscriptions/{id}/test');
    expect(tested.body).toMatchObject({
      eventType: 'notification.test',
      status: 'SENT',
      subscriptionId: created.id,
    });
    const [received] = receiver.at('manage');
    expect(received.headers['webhook-id']).toBe(tested.body.id);
    // Both secrets sign during the rotation's 24 h.
    expect(String(received.headers['webhook-signature']).split(' ')).toHaveLength(2);

    expectProblem(await post(`/subscriptions/${randomUUID()}/test`, member), 404);
    expectProblem(await post('/subscriptions/not-a-uuid/rotate-secret', member), 404);
    const removed = await suite.api.request<SubscriptionView>('DELETE', path, { as: member });
    expect(removed.status).toBe(200);
    expectProblem(await suite.api.request('DELETE', path, { as: member }), 404);
  });

  it('keeps a deleted subscription, by whom and when, for an admin who asks; it hears nothing more', async () => {
    const environment = await scene.lifecycle.createEnvironment();
    const deleted = await scene.webhookFor(environment, receiver.url('deleted-later'));
    const control = await scene.webhookFor(environment, receiver.url('still-listening'));
    const first = await scene.fileIntent(environment);
    await scene.deliveryOf(deleted.id, (delivery) => delivery.status === 'SENT');

    const removed = await suite.api.request<SubscriptionView>('DELETE', `/subscriptions/${deleted.id}`, {
      as: scene.admin,
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({
      id: deleted.id,
      enabled: false,
      deletedAt: expect.any(String),
      deletedBy: { sub: scene.admin.sub },
    });

    // The next matching event reaches the live subscription and not the deleted one.
    const second = await scene.fileIntent(environment);
    await eventually(async () => {
      const heard = await scene.deliveries({ subscriptionId: control.id });
      expect(heard.filter((delivery) => delivery.status === 'SENT')).toHaveLength(2);
    });
    expect((await scene.deliveries({ subscriptionId: deleted.id })).map((d) => d.intentId)).toEqual([
      first.id,
    ]);
    expect(receiver.at('deleted-later').map((request) => request.json?.data?.id)).toEqual([first.id]);
    expect(second.id).not.toBe(first.id);

    const audit = await suite.api.get<Page<SubscriptionView>>('/subscriptions', {
      as: scene.admin,
      query: { includeDeleted: 'true', limit: 100 },
    });
    expect(audit.status).toBe(200);
    expect(audit.body.items.find((item) => item.id === deleted.id)).toEqual(removed.body);
    const plain = await suite.api.get<Page<SubscriptionView>>('/subscriptions', {
      as: scene.admin,
      query: { limit: 100 },
    });
    expect(plain.body.items.map((item) => item.id)).toEqual(expect.arrayContaining([control.id]));
    expect(plain.body.items.map((item) => item.id)).not.toContain(deleted.id);
    const refused = await suite.api.get('/subscriptions', { as: member, query: { includeDeleted: 'true' } });
    expectProblem(refused, 403);
    expect(refused.body).toMatchObject({ code: 'SUBSCRIPTION.FORBIDDEN' });
    expectProblem(
      await suite.api.get('/subscriptions', { as: scene.admin, query: { includeDeleted: '1' } }),
      400,
      'includeDeleted',
    );
  });

  it('shows deliveries to admins with targets, to others only about intents they may see and without targets', async () => {
    const environment = await scene.lifecycle.createEnvironment();
    const subscription = await scene.webhookFor(environment, receiver.url('log'));
    const intent = await scene.fileIntent(environment);
    const delivered = await scene.deliveryOf(subscription.id, (delivery) => delivery.status === 'SENT');
    expect(delivered.target).toMatch(/^http:\/\/127\.0\.0\.1/);

    const seen = await scene.deliveries({ intentId: intent.id }, viewer);
    expect(seen.map((delivery) => delivery.id)).toContain(delivered.id);
    expect(seen[0]).not.toHaveProperty('target');
    expect(await scene.deliveries({ intentId: intent.id }, outsider)).toEqual([]);

    for (const [query, field] of [
      [{ status: 'LOST' }, 'status'],
      [{ intentId: 'x' }, 'intentId'],
      [{ subscriptionId: 'x' }, 'subscriptionId'],
      [{ limit: '0' }, 'limit'],
    ] as const)
      expectProblem(await suite.api.get('/deliveries', { as: scene.admin, query }), 400, field);
  });

  it('lets only admins retry and replay, and names the bad field', async () => {
    const environment = await scene.lifecycle.createEnvironment();
    const subscription = await scene.webhookFor(environment, receiver.url('replayed'));
    await scene.fileIntent(environment);
    const delivered = await scene.deliveryOf(subscription.id, (delivery) => delivery.status === 'SENT');

    expectProblem(await post(`/deliveries/${delivered.id}/retry`, member), 403);
    expectProblem(await post(`/deliveries/${delivered.id}/retry`, scene.admin), 409);
    expectProblem(await post(`/deliveries/${randomUUID()}/retry`, scene.admin), 404);

    const period = {
      subscriptionId: subscription.id,
      since: '2020-01-01T00:00:00Z',
      until: '2100-01-01T00:00:00Z',
    };
    expectProblem(await post('/deliveries/replay', member, period), 403);
    expectProblem(
      await post('/deliveries/replay', scene.admin, { ...period, subscriptionId: 'x' }),
      400,
      'subscriptionId',
    );
    expectProblem(
      await post('/deliveries/replay', scene.admin, { ...period, since: 'yesterday' }),
      400,
      'since',
    );
    expectProblem(
      await post('/deliveries/replay', scene.admin, { ...period, until: period.since }),
      400,
      'until',
    );
    expectProblem(
      await post('/deliveries/replay', scene.admin, { ...period, subscriptionId: randomUUID() }),
      404,
    );

    const replayed = await post<{ replayed: number; deliveryIds: string[] }>(
      '/deliveries/replay',
      scene.admin,
      period,
    );
    expect(replayed.status).toBe(200);
    expect(replayed.body.replayed).toBe(1);
    const replay = await eventually(async () => {
      const [again, ...rest] = (await scene.deliveries({ subscriptionId: subscription.id })).filter(
        (delivery) => delivery.id !== delivered.id,
      );
      expect(rest).toEqual([]);
      expect(again).toMatchObject({
        id: replayed.body.deliveryIds[0],
        status: 'SENT',
        eventId: delivered.eventId,
      });
      return again;
    });
    expect(replay.reasons).toContain('replayed by an admin');
    expect(receiver.at('replayed').map((request) => request.headers['webhook-id'])).toEqual([
      delivered.id,
      replay.id,
    ]);
  });
});
