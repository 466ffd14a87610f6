import { eventually } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { Lifecycle } from '../api/support/lifecycle';
import { Persona } from '../api/support/personas';
import { signTestToken } from '../support/test-token';
import { NotificationScene, notificationsEnv } from './support/notification-scene';
import { MailReceiver } from './support/mail-receiver';

describe('the requester is told by e-mail', () => {
  const options = notificationsEnv();
  let mail: MailReceiver;
  // Before the suite starts the apps: the notifications service must know where to send mail.
  beforeAll(async () => {
    mail = await MailReceiver.start();
    options.serviceEnv!.notifications!.SMTP_URL = mail.url;
  });
  const suite = useApiSuite(options);

  afterAll(async () => {
    await mail?.close();
  });

  const rita: Persona = {
    sub: 'rita-mailed',
    name: 'Rita Mailed',
    roles: ['requester'],
    groups: ['dev-team'],
    token: signTestToken({
      sub: 'rita-mailed',
      name: 'Rita Mailed',
      roles: ['requester'],
      groups: ['dev-team'],
      email: 'rita@example.com',
    }),
  };

  it('at the address of the token she filed with, once per event, with the reason in the log', async () => {
    const scene = new NotificationScene(suite);
    const lifecycle = new Lifecycle(suite, { ...scene.lifecycle.cast, requester: rita });
    const environment = await lifecycle.createEnvironment();
    const intent = await lifecycle.advance(await lifecycle.fileIntent(environment, {}, rita), 'submit');

    const [delivery] = await eventually(
      async () => {
        const found = (await scene.deliveries({ intentId: intent.id })).filter(
          (candidate) => candidate.eventType === 'intent.requested' && candidate.status === 'SENT',
        );
        expect(found).toHaveLength(1);
        return found;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(delivery).toMatchObject({
      channel: 'EMAIL',
      subscriptionId: null,
      reasons: ['requested the refresh'],
    });
    expect(delivery.target).toBe('mailto:example.com');
    const toRita = mail.mails.filter((message) => message.to.includes('rita@example.com'));
    expect(toRita).toHaveLength(1);
  });
});
