import { DeliveryView, SubscriptionView } from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { expectStatus } from '../api/support/lifecycle';
import { EventWatch } from '../conflicts/support/recompute-events';
import { NotificationScene, notificationsEnv } from './support/notification-scene';
import { WebhookReceiver } from './support/webhook-receiver';

const sent = (delivery: DeliveryView) => delivery.status === 'SENT';

describe('deliveries that fail, honestly recorded', () => {
  const suite = useApiSuite(notificationsEnv());
  let receiver: WebhookReceiver;
  let scene: NotificationScene;
  let events: EventWatch;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    scene = new NotificationScene(suite);
    events = await EventWatch.start(suite, ['notification.*']);
  });

  afterAll(async () => {
    await events?.close();
    await receiver?.close();
  });

  it('retries a receiver that answers 500 twice, and records three attempts ending SENT', async () => {
    const environment = await scene.lifecycle.createEnvironment();
    const subscription = await scene.webhookFor(
      environment,
      receiver.url('flaky', { status: 500 }, { status: 500 }, { status: 200 }),
    );
    await scene.fileIntent(environment);

    const delivery = await scene.deliveryOf(subscription.id, sent);
    expect(delivery.attempts.map((attempt) => [attempt.outcome, attempt.statusCode])).toEqual([
      ['RETRY', 500],
      ['RETRY', 500],
      ['SENT', 200],
    ]);
    const ids = receiver.at('flaky').map((request) => request.headers['webhook-id']);
    expect(ids).toEqual([delivery.id, delivery.id, delivery.id]);
    await events.one(
      'notification.delivered',
      (data: { deliveryId: string }) => data.deliveryId === delivery.id,
    );
  });

  it('gives up on a receiver that always fails (DEAD, notification.failed), and an admin retry sends it', async () => {
    const environment = await scene.lifecycle.createEnvironment();
    const subscription = await scene.webhookFor(environment, receiver.url('broken', { status: 503 }));
    await scene.fileIntent(environment);

    const dead = await scene.deliveryOf(subscription.id, (delivery) => delivery.status === 'DEAD');
    expect(dead.attempts).toHaveLength(4); // the first, and one per entry of PT1S,PT1S,PT1S
    expect(dead.lastError).toMatch(/503/);
    const failed = await events.one(
      'notification.failed',
      (data: { deliveryId: string }) => data.deliveryId === dead.id,
    );
    expect(failed.data).toMatchObject({ attempts: 4, channel: 'WEBHOOK', subscriptionId: subscription.id });

    receiver.script('broken', { status: 200 });
    const retried = await suite.api.post<DeliveryView>(`/deliveries/${dead.id}/retry`, { as: scene.admin });
    expectStatus(retried, 200, 'POST /deliveries/{id}/retry');
    const delivered = await scene.deliveryOf(subscription.id, sent);
    expect(delivered.attempts).toHaveLength(5);
    expect(receiver.at('broken').at(-1)!.headers['webhook-id']).toBe(dead.id);
  });

  it('waits at least as long as a 429 Retry-After asks', async () => {
    const environment = await scene.lifecycle.createEnvironment();
    const subscription = await scene.webhookFor(
      environment,
      receiver.url('busy', { status: 429, headers: { 'retry-after': '2' } }, { status: 200 }),
    );
    await scene.fileIntent(environment);

    await scene.deliveryOf(subscription.id, sent);
    const [first, second] = receiver.at('busy');
    expect(second.at - first.at).toBeGreaterThanOrEqual(2_000);
  });

  it('disables the subscription whose webhook answers 410', async () => {
    const environment = await scene.lifecycle.createEnvironment();
    const subscription = await scene.webhookFor(environment, receiver.url('gone', { status: 410 }));
    await scene.fileIntent(environment);

    const dead = await scene.deliveryOf(subscription.id, (delivery) => delivery.status === 'DEAD');
    expect(dead.attempts.map((attempt) => attempt.outcome)).toEqual(['GONE']);
    const listed = await suite.api.get<{ items: SubscriptionView[] }>('/subscriptions', {
      as: scene.admin,
      query: { limit: 100 },
    });
    expect(listed.body.items.find((item) => item.id === subscription.id)).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/410/),
    });
  });

  it('sends to a healthy receiver while another one of the same event hangs', async () => {
    const environment = await scene.lifecycle.createEnvironment();
    const hanging = await scene.webhookFor(environment, receiver.url('hanging', 'hang'));
    const healthy = await scene.webhookFor(environment, receiver.url('healthy', { status: 200 }));
    await scene.fileIntent(environment);

    const delivered = await scene.deliveryOf(healthy.id, sent, 10_000);
    await eventually(() => expect(receiver.at('hanging')).toHaveLength(1));
    expect(receiver.openHangs).toBeGreaterThan(0);
    // SENT before the hanging attempt could time out (OUTBOUND_TIMEOUT_MS=4000).
    expect(Date.parse(delivered.deliveredAt!)).toBeLessThan(receiver.at('hanging')[0].at + 4_000);
    const stuck = await scene.deliveryOf(hanging.id, () => true);
    expect(stuck.eventId).toBe(delivered.eventId);
  });

  it('has at most one call open to one destination, however many events it is owed, and sends them in order', async () => {
    const environment = await scene.lifecycle.createEnvironment();
    const subscription = await scene.webhookFor(
      environment,
      receiver.url('one-at-a-time', { status: 200, delayMs: 400 }),
    );
    const intents = await Promise.all([1, 2, 3].map(() => scene.fileIntent(environment)));

    let delivered: DeliveryView[] = [];
    await eventually(
      async () => {
        delivered = (await scene.deliveries({ subscriptionId: subscription.id })).filter(sent);
        expect(delivered).toHaveLength(intents.length);
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    expect(receiver.mostInFlight.get('/hooks/one-at-a-time')).toBe(1);
    // A destination's deliveries go out in the order they were written (a lease of several, sent in turn).
    const written = [...delivered].sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
    );
    expect(receiver.at('one-at-a-time').map((request) => request.json?.id)).toEqual(
      written.map((delivery) => delivery.eventId),
    );
  });

  it('counts attempts by channel and outcome, times them, and reports the oldest pending delivery', async () => {
    const notifications = suite.apps.find((app) => app.name === 'notifications')!;
    const metrics = await (await fetch(`${notifications.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /notification_delivery_attempts_total\{channel="WEBHOOK",outcome="RETRY"\} [1-9]/,
    );
    expect(metrics).toMatch(/notification_delivery_attempts_total\{channel="WEBHOOK",outcome="SENT"\} [1-9]/);
    expect(metrics).toMatch(/notification_deliveries_total\{channel="WEBHOOK",status="DEAD"\} [1-9]/);
    expect(metrics).toMatch(
      /notification_delivery_attempt_duration_seconds_count\{channel="WEBHOOK"\} [1-9]/,
    );
    expect(metrics).toMatch(/notification_oldest_pending_delivery_seconds \d/);
  });
});
