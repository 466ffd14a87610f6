import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as amqp from 'amqplib';
import { intentRequestedEvent, scheduleCreatedEvent } from '@envrefresh/contracts';
import { TestGrant, TestVhost, eventually, importDefinitions } from '@envrefresh/testing';
import {
  BROKER_DEFINITIONS_PATH,
  ENVREFRESH_SHARED_TOPOLOGY,
  RabbitMqDefinitions,
  consumerTopology,
  declareConsumerTopology,
  declareEventStream,
} from '../src';

const EXCHANGE = 'envrefresh.events';
const STREAM = ENVREFRESH_SHARED_TOPOLOGY.stream;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The committed definitions, imported into a vhost of this spec: the file's permissions and topic
 * permissions as they stand, for users renamed per run (broker users are global). The names
 * inside are production's (`envrefresh.*`): the vhost keeps them apart from everything else.
 */
function committedFile(): RabbitMqDefinitions {
  return JSON.parse(readFileSync(resolve(__dirname, '../../..', BROKER_DEFINITIONS_PATH), 'utf8'));
}

function committedGrants(): Record<string, TestGrant> {
  const file = committedFile();
  return Object.fromEntries(
    file.permissions.map(({ user, configure, write, read }) => {
      const topic = file.topic_permissions.find((permission) => permission.user === user);
      return [
        user,
        {
          configure,
          write,
          read,
          topic: topic && { exchange: topic.exchange, write: topic.write, read: topic.read },
        },
      ];
    }),
  );
}

describe('the committed broker definitions', () => {
  let vhost: TestVhost;
  const connections: amqp.ChannelModel[] = [];

  const channelAs = async (user: string): Promise<amqp.ConfirmChannel> => {
    const connection = await amqp.connect(vhost.account(user).url);
    connection.on('error', () => undefined);
    connections.push(connection);
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    return channel;
  };
  /** Resolves with the error the broker closed the channel with, or undefined when it confirmed. */
  const attempt = async (
    channel: amqp.ConfirmChannel,
    work: () => Promise<unknown>,
  ): Promise<string | undefined> => {
    const closed = new Promise<string>((resolve) =>
      channel.once('error', (error: Error) => resolve(error.message)),
    );
    return Promise.race([
      closed,
      work().then(
        () => undefined,
        (error: Error) => closed.then((reason) => reason ?? error.message),
      ),
    ]);
  };
  const publish = (channel: amqp.ConfirmChannel, user: string, routingKey: string) =>
    attempt(channel, async () => {
      channel.publish(EXCHANGE, routingKey, Buffer.from('{}'), { userId: vhost.account(user).user });
      await channel.waitForConfirms();
    });

  beforeAll(async () => {
    vhost = await TestVhost.create(committedGrants());
    // The services declare the exchange, the event stream and their queues with what the file grants them.
    for (const service of ['intents', 'conflicts']) {
      const channel = await channelAs(`envrefresh-${service}`);
      await declareEventStream(channel, EXCHANGE, STREAM);
      await declareConsumerTopology(
        channel,
        EXCHANGE,
        consumerTopology('envrefresh', service, [1000]),
        ['#'],
        5,
      );
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled(connections.map((connection) => connection.close()));
    await vhost?.delete();
  }, 30_000);

  it('lets a service publish its own types', async () => {
    expect(
      await publish(await channelAs('envrefresh-intents'), 'envrefresh-intents', intentRequestedEvent.type),
    ).toBeUndefined();
  });

  it("refuses a service another's types: the broker closes its channel with ACCESS_REFUSED", async () => {
    const refusal = await publish(
      await channelAs('envrefresh-intents'),
      'envrefresh-intents',
      scheduleCreatedEvent.type,
    );
    expect(refusal).toMatch(/ACCESS_REFUSED/);
    expect(refusal).toMatch(/schedule\.created/);
  });

  it("refuses a service another's queues", async () => {
    const channel = await channelAs('envrefresh-intents');
    expect(
      await attempt(channel, () =>
        channel.checkQueue('envrefresh.conflicts.events').then((q) => channel.get(q.queue)),
      ),
    ).toMatch(/ACCESS_REFUSED/);
  });

  it('lets the downstream account declare, bind and read a queue of its prefix, and see the events', async () => {
    const channel = await channelAs('downstream');
    await channel.assertQueue('downstream.cmdb', { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue('downstream.cmdb', EXCHANGE, 'intent.*');
    const received: string[] = [];
    await channel.consume(
      'downstream.cmdb',
      (message) => message && received.push(message.fields.routingKey),
      { noAck: true },
    );
    await publish(await channelAs('envrefresh-intents'), 'envrefresh-intents', intentRequestedEvent.type);
    await eventually(() => expect(received).toContain(intentRequestedEvent.type));
  });

  it('keeps every event in the stream, which the downstream account replays from the first offset and from a time', async () => {
    const intents = await channelAs('envrefresh-intents');
    const publishEvent = async (id: string) => {
      intents.publish(EXCHANGE, intentRequestedEvent.type, Buffer.from(JSON.stringify({ id })), {
        messageId: id,
        persistent: true,
        userId: vhost.account('envrefresh-intents').user,
      });
      await intents.waitForConfirms();
    };
    // Published before the late consumer exists, one write (so one stream chunk) at a time.
    const earlier = ['early-1', 'early-2', 'early-3'];
    for (const id of earlier) {
      await publishEvent(id);
      await sleep(300);
    }
    // Stream timestamps count whole seconds: the later events arrive a full second past `since`.
    const since = Math.floor(Date.now() / 1000) + 1;
    await sleep(since * 1000 + 300 - Date.now());
    const later = ['late-1', 'late-2'];
    for (const id of later) await publishEvent(id);

    const replay = async (offset: unknown): Promise<string[]> => {
      const channel = await channelAs('downstream');
      await channel.prefetch(100);
      const ids: string[] = [];
      const { consumerTag } = await channel.consume(
        STREAM.name,
        (message) => {
          if (!message) return;
          ids.push(message.properties.messageId as string);
          channel.ack(message);
        },
        { noAck: false, arguments: { 'x-stream-offset': offset } },
      );
      await eventually(() => expect(ids).toContain(later[later.length - 1]));
      await channel.cancel(consumerTag);
      return ids;
    };
    const ours = [...earlier, ...later];

    const fromFirst = await replay('first');
    expect(fromFirst.filter((id) => ours.includes(id))).toEqual(ours);

    const fromTime = await replay({ '!': 'timestamp', value: since });
    expect(fromTime.filter((id) => later.includes(id))).toEqual(later);
    // From the chunk at that time (it may start a little before it), not from the beginning.
    expect(fromTime).not.toContain(earlier[0]);
  });

  it('refuses the downstream account any publish to the events exchange', async () => {
    expect(await publish(await channelAs('downstream'), 'downstream', intentRequestedEvent.type)).toMatch(
      /ACCESS_REFUSED/,
    );
  });

  it("refuses the downstream account queues outside its prefix and envrefresh's own queues", async () => {
    let channel = await channelAs('downstream');
    expect(await attempt(channel, () => channel.assertQueue('cmdb-events'))).toMatch(/ACCESS_REFUSED/);
    channel = await channelAs('downstream');
    expect(await attempt(channel, () => channel.get('envrefresh.conflicts.events'))).toMatch(
      /ACCESS_REFUSED/,
    );
  });

  // Last: it takes the passwords away again.
  it('imports as committed with rabbitmqctl: its users have no password until one is set', async () => {
    const file = committedFile();
    const renamed = (user: string) => vhost.account(user).user;
    await importDefinitions({
      users: file.users.map((user) => ({ ...user, name: renamed(user.name) })),
      vhosts: [{ name: vhost.name }],
      permissions: file.permissions.map((permission) => ({
        ...permission,
        user: renamed(permission.user),
        vhost: vhost.name,
      })),
      topic_permissions: file.topic_permissions.map((permission) => ({
        ...permission,
        user: renamed(permission.user),
        vhost: vhost.name,
      })),
      // The stream and its binding as the file declares them: the same as the services' own.
      exchanges: file.exchanges.map((exchange) => ({ ...exchange, vhost: vhost.name })),
      queues: file.queues.map((queue) => ({ ...queue, vhost: vhost.name })),
      bindings: file.bindings.map((binding) => ({ ...binding, vhost: vhost.name })),
    });
    await expect(amqp.connect(vhost.account('envrefresh-intents').url)).rejects.toThrow(/ACCESS_REFUSED/);
  });
});
