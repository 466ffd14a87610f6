import * as amqp from 'amqplib';
import { TestVhost, WIDE_GRANT } from '@envrefresh/testing';
describe('try', () => {
  it('works', async () => {
    const t0 = Date.now();
    const vhost = await TestVhost.create({ a: WIDE_GRANT, b: { configure: '^$', write: '^$', read: '^$' } });
    console.log('created', Date.now() - t0);
    const c = await amqp.connect(vhost.account('a').url);
    const ch = await c.createConfirmChannel();
    await ch.assertExchange('x', 'topic');
    ch.publish('x', 'k', Buffer.from('{}'), { userId: vhost.account('a').user });
    await ch.waitForConfirms();
    await c.close();
    const t1 = Date.now();
    await vhost.delete();
    console.log('deleted', Date.now() - t1);
  });
});
