import { eventually, testServiceEnv } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { startApp, waitUntilReady } from '../support/app-processes';
import { NotificationScene, notificationsEnv } from './support/notification-scene';
import { WebhookReceiver } from './support/webhook-receiver';

const SUBSCRIPTIONS = 24;
/** Few calls at a time, each slow: most deliveries are still pending when the service dies. */
const SLOW = {
  DELIVERY_WORKERS: '1',
  DELIVERY_BATCH_SIZE: '2',
  OUTBOUND_TIMEOUT_MS: '2000',
};

describe('deliveries survive a killed notifications service', () => {
  const options = notificationsEnv(SLOW);
  const suite = useApiSuite(options);
  let receiver: WebhookReceiver;
  let scene: NotificationScene;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    scene = new NotificationScene(suite);
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('sends every delivery after a SIGKILL and restart, each call one recorded attempt or the one the kill cut short', async () => {
    const environment = await scene.lifecycle.createEnvironment();
    const subscriptions = [];
    for (let index = 0; index < SUBSCRIPTIONS; index++)
      subscriptions.push(
        await scene.webhookFor(environment, receiver.url(`sink-${index}`, { status: 200, delayMs: 300 })),
      );
    const intent = await scene.fileIntent(environment);

    await eventually(() => expect(receiver.received.length).toBeGreaterThanOrEqual(3), { timeoutMs: 20_000 });
    const notifications = suite.apps.find((app) => app.name === 'notifications')!;
    notifications.process.child.kill('SIGKILL');
    await notifications.process.exited;
    const killedAt = Date.now();
    const seenBeforeKill = receiver.received.length;
    expect(seenBeforeKill).toBeLessThan(SUBSCRIPTIONS);

    const restarted = await startApp('notifications', {
      ...testServiceEnv({
        databaseUrl: suite.database.url,
        amqpUrl: suite.amqpUrl,
        namespace: suite.namespace,
      }),
      ...options.serviceEnv!.notifications!,
    });
    suite.apps.push(restarted);
    await waitUntilReady(restarted);

    const deliveries = await eventually(
      async () => {
        const found = await scene.deliveries({ intentId: intent.id });
        const open = found.filter((delivery) => delivery.status !== 'SENT');
        if (found.length !== SUBSCRIPTIONS || open.length > 0)
          throw new Error(`${found.length} deliveries, ${open.length} not SENT yet`);
        return found;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    for (const delivery of deliveries) {
      const receipts = receiver.received.filter((request) => request.headers['webhook-id'] === delivery.id);
      expect(receipts.length).toBeGreaterThanOrEqual(1);
      // Every call the receiver saw is an attempt the delivery log records, or the one the kill cut
      // short before it was recorded (its copy arrived before the kill). On a loaded machine an
      // attempt may also time out after the receiver got it: recorded, retried, received again.
      const cutShort = receipts[0].at <= killedAt ? 1 : 0;
      expect(receipts.length).toBeLessThanOrEqual(delivery.attempts.length + cutShort);
      expect(delivery.attempts.at(-1)?.outcome).toBe('SENT');
    }
  }, 120_000);
});
