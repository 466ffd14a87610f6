import { eventually } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { NotificationScene, notificationsEnv } from './support/notification-scene';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * The deliveries an event causes are sent as soon as the transaction that wrote them commits,
 * not at the delivery worker's next poll: with a poll of a minute, an event is still delivered
 * within seconds.
 */
describe('deliveries of a new event', () => {
  const suite = useApiSuite(notificationsEnv({ DELIVERY_POLL_INTERVAL_MS: '60000' }));
  let receiver: WebhookReceiver;
  let scene: NotificationScene;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    scene = new NotificationScene(suite);
  });

  afterAll(async () => receiver?.close());

  it('go out once the event is taken, without waiting for the worker to poll', async () => {
    const environment = await scene.lifecycle.createEnvironment();
    await scene.webhookFor(environment, receiver.url('woken', { status: 204 }));
    const intent = await scene.fileIntent(environment);

    await eventually(() => expect(receiver.at('woken')).toHaveLength(1), { timeoutMs: 15_000 });
    const [request] = receiver.at('woken');
    expect(request.json?.type).toBe('intent.requested');
    expect((request.json?.data as { id?: string } | undefined)?.id).toBe(intent.id);
  });
});
