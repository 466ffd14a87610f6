import * as amqp from 'amqplib';
import { TestVhost, WIDE_GRANT, rabbitmqctl } from '@envrefresh/testing';

describe('TestVhost', () => {
  it('creates its users and vhost in one import, and deletes them, leaving guest alone', async () => {
    const vhost = await TestVhost.create({
      wide: WIDE_GRANT,
      nothing: { configure: '^$', write: '^$', read: '^$' },
    });
    const wide = await amqp.connect(vhost.account('wide').url);
    const channel = await wide.createConfirmChannel();
    await channel.assertExchange('spec.exchange', 'topic');
    channel.publish('spec.exchange', 'k', Buffer.from('{}'), { userId: vhost.account('wide').user });
    await channel.waitForConfirms();
    await wide.close();

    const nothing = await amqp.connect(vhost.account('nothing').url);
    nothing.on('error', () => undefined);
    const refused = await nothing.createChannel();
    refused.on('error', () => undefined);
    await expect(refused.assertQueue('spec.queue')).rejects.toThrow(/ACCESS_REFUSED/);
    await nothing.close();

    await vhost.delete();
    const users = await rabbitmqctl(['list_users', '--quiet']);
    expect(users).not.toContain(vhost.account('wide').user);
    expect(users).toMatch(/^guest\b/m);
    expect(await rabbitmqctl(['list_vhosts', '--quiet'])).not.toContain(vhost.name);
  });
});
