import * as amqp from 'amqplib';
import {
  bindProbeQueue,
  createTestNamespace,
  deleteAmqpNamespace,
  eventually,
  startTcpProxy,
  testAmqpUrl,
} from '@envrefresh/testing';

describe('AMQP probe queue and namespace cleanup', () => {
  const namespace = createTestNamespace();
  const exchange = `${namespace}.events`;
  let connection: amqp.ChannelModel;
  let channel: amqp.Channel;

  beforeAll(async () => {
    connection = await amqp.connect(testAmqpUrl());
    channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
  });

  afterAll(async () => {
    await connection.close();
    await deleteAmqpNamespace(testAmqpUrl(), { exchanges: [exchange], queues: [] });
  });

  it('names namespaces t + 8 hex digits, different each time', () => {
    expect(namespace).toMatch(/^t[0-9a-f]{8}$/);
    expect(createTestNamespace()).not.toBe(namespace);
  });

  it('collects the messages published under its routing keys, with their bytes and properties', async () => {
    const probe = await bindProbeQueue(testAmqpUrl(), exchange, ['intent.approved', 'schedule.*']);
    try {
      const publish = (key: string, body: object) =>
        channel.publish(exchange, key, Buffer.from(JSON.stringify(body)), {
          messageId: `${key}-1`,
          contentType: 'application/json',
        });
      publish('intent.approved', { id: 1 });
      publish('intent.rejected', { id: 2 });
      publish('schedule.created', { id: 3 });

      await eventually(() => expect(probe.messages).toHaveLength(2));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(probe.messages.map((message) => message.fields.routingKey)).toEqual([
        'intent.approved',
        'schedule.created',
      ]);
      expect(probe.messages[0].json()).toEqual({ id: 1 });
      expect(probe.messages[0].properties.messageId).toBe('intent.approved-1');
      expect(probe.messages[1].content.toString()).toBe('{"id":3}');
    } finally {
      await probe.close();
    }
  });

  it('deletes the exchanges and queues it is given and ignores those that do not exist', async () => {
    const queue = `${namespace}.probe-check.events`;
    const other = `${namespace}.other`;
    await channel.assertExchange(other, 'topic', { durable: true });
    await channel.assertQueue(queue, { durable: true });
    await channel.bindQueue(queue, other, '#');

    await deleteAmqpNamespace(testAmqpUrl(), {
      exchanges: [other, `${namespace}.never-declared`],
      queues: [queue, `${namespace}.never-declared.queue`],
    });

    for (const check of [
      (c: amqp.Channel) => c.checkQueue(queue),
      (c: amqp.Channel) => c.checkExchange(other),
    ]) {
      const probeChannel = await connection.createChannel();
      probeChannel.on('error', () => undefined);
      await expect(check(probeChannel)).rejects.toMatchObject({ code: 404 });
    }
  });

  it('carries AMQP through the TCP proxy until it is severed', async () => {
    const proxy = await startTcpProxy('127.0.0.1', Number(new URL(testAmqpUrl()).port || 5672));
    try {
      const viaProxy = await amqp.connect(proxy.url(testAmqpUrl()));
      const closed = new Promise((resolve) => viaProxy.on('close', resolve));
      viaProxy.on('error', () => undefined);
      await viaProxy.createChannel();
      proxy.sever();
      await closed;
      await expect(amqp.connect(proxy.url(testAmqpUrl()))).rejects.toThrow();
      proxy.restore();
      const again = await amqp.connect(proxy.url(testAmqpUrl()));
      await again.close();
    } finally {
      await proxy.close();
    }
  });
});
