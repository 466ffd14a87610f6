import * as amqp from 'amqplib';
import { ConsoleLogger, Logger, LoggerService } from '@nestjs/common';
import { intentApprovedEvent } from '@envrefresh/contracts';
import { TestVhost, WIDE_GRANT, eventually } from '@envrefresh/testing';
import { PUBLISHED_BY_HEADER, UnitOfWork, brokerIdentity, consumerTopology } from '../src';
import { CONSUMER, MessagingTestBed } from './support/messaging-test-bed';
import { testEventEnvelope } from './support/test-events';

const RETRY_DELAYS_MS = [200, 400];

/** Collects what the library logs, to find its security events. */
class RecordingLogger extends ConsoleLogger implements LoggerService {
  readonly warnings: unknown[] = [];
  override warn(message: unknown, ...rest: unknown[]): void {
    this.warnings.push(message);
    super.warn(message, ...(rest as [string]));
  }
}

/**
 * The consumer believes an event only from the broker user of its owner: `test.*` belongs to a
 * producer service, `own.*` to the consumer itself. Everyone has wide permissions on the vhost,
 * as careless accounts would; only the validated user_id tells them apart.
 */
describe('a strict consumer', () => {
  let vhost: TestVhost<'svc' | 'producer' | 'attacker'>;
  let bed: MessagingTestBed;
  let deadLettered: amqp.ConsumeMessage[];
  const connections: amqp.ChannelModel[] = [];
  const handled: { id: string; attempt: number }[] = [];
  const failedOnce = new Set<string>();
  const logger = new RecordingLogger();

  const channelOf = async (account: 'producer' | 'attacker') => {
    const connection = await amqp.connect(vhost.account(account).url);
    connection.on('error', () => undefined);
    connections.push(connection);
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    return channel;
  };
  const publishAs = async (
    channel: amqp.ConfirmChannel,
    type: string,
    body: object,
    properties: amqp.Options.Publish,
  ) => {
    channel.publish(bed.exchange, type, Buffer.from(JSON.stringify(body)), {
      persistent: true,
      contentType: 'application/json',
      ...properties,
    });
    await channel.waitForConfirms();
  };
  const deadLetterOf = (id: string) => {
    const message = deadLettered.find((candidate) => candidate.properties.messageId === id);
    expect(message).toBeDefined();
    return message!;
  };

  beforeAll(async () => {
    Logger.overrideLogger(logger);
    vhost = await TestVhost.create({ svc: WIDE_GRANT, producer: WIDE_GRANT, attacker: WIDE_GRANT });
    const users = { svc: vhost.account('svc').user, producer: vhost.account('producer').user };
    const identity = brokerIdentity(vhost.account('svc').url, users, (type) =>
      type.startsWith('own.') ? 'svc' : 'producer',
    );
    bed = await MessagingTestBed.create([], { amqpUrl: vhost.account('svc').url, identity });
    const record = async (event: { id: string }, { attempt }: { attempt: number }) => {
      handled.push({ id: event.id, attempt });
    };
    await bed.consume(
      {
        'test.accepted': record,
        'intent.approved': record,
        'own.thing': record,
        'test.flaky': async (event, context) => {
          if (!failedOnce.has(event.id)) {
            failedOnce.add(event.id);
            throw new Error('the database blinked');
          }
          await record(event, context);
        },
      },
      { retryDelaysMs: RETRY_DELAYS_MS },
    );
    deadLettered = await bed.collect(
      consumerTopology(bed.namespace, CONSUMER, RETRY_DELAYS_MS).deadLetterQueue,
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.allSettled(connections.map((connection) => connection.close()));
    await bed?.close();
    await vhost?.delete();
    Logger.overrideLogger(new ConsoleLogger());
  }, 30_000);

  it('accepts an event published by its owner', async () => {
    const event = testEventEnvelope('test.accepted');
    await publishAs(await channelOf('producer'), event.type, event, {
      messageId: event.id,
      userId: vhost.account('producer').user,
    });
    await eventually(() => expect(handled).toContainEqual({ id: event.id, attempt: 1 }));
  });

  it.each([
    ['as its own user', (): amqp.Options.Publish => ({ userId: vhost.account('attacker').user })],
    ['without a user_id', (): amqp.Options.Publish => ({})],
    [
      "claiming the owner in the header only a consumer's own copies may carry",
      (): amqp.Options.Publish => ({
        userId: vhost.account('attacker').user,
        headers: { [PUBLISHED_BY_HEADER]: vhost.account('producer').user },
      }),
    ],
  ])(
    'refuses an event another account publishes %s: DLQ with a generic reason, security log',
    async (_how, props) => {
      const event = testEventEnvelope('test.accepted', { forged: true });
      const properties = props();
      await publishAs(await channelOf('attacker'), event.type, event, { ...properties, messageId: event.id });

      const copy = await eventually(() => deadLetterOf(event.id));
      expect(copy.properties.headers).toMatchObject({
        'x-dead-letter-reason': 'refused',
        'x-last-error': 'the event was not published by its owner',
        'x-retry-count': 0,
        // The copy is the consumer's (the broker checked that), recording whom it refused.
        [PUBLISHED_BY_HEADER]: properties.userId ?? '',
      });
      expect(copy.properties.userId).toBe(vhost.account('svc').user);
      expect(handled.map(({ id }) => id)).not.toContain(event.id);
      expect(logger.warnings).toContainEqual(
        expect.objectContaining({
          security: true,
          action: 'event.consume',
          outcome: 'refused',
          details: expect.objectContaining({ eventId: event.id, type: 'test.accepted' }),
        }),
      );
    },
  );

  it("cannot even be sent with the owner's user_id: the broker closes the forger's channel", async () => {
    const event = testEventEnvelope('test.accepted', { forged: true });
    const channel = await channelOf('attacker');
    const closed = new Promise<Error>((resolve) => channel.once('error', resolve));
    channel.publish(bed.exchange, event.type, Buffer.from(JSON.stringify(event)), {
      messageId: event.id,
      userId: vhost.account('producer').user,
    });
    expect((await closed).message).toMatch(/PRECONDITION_FAILED - user_id property set to/);
  });

  it('still accepts an event after its delayed retry, which travels as the consumer itself', async () => {
    const event = testEventEnvelope('test.flaky');
    await publishAs(await channelOf('producer'), event.type, event, {
      messageId: event.id,
      userId: vhost.account('producer').user,
    });
    await eventually(() => expect(handled).toContainEqual({ id: event.id, attempt: 2 }));
    expect(deadLettered.map((message) => message.properties.messageId)).not.toContain(event.id);
  });

  it("accepts its own types from its own relay's user", async () => {
    const relay = bed.relay(bed.connect('relay'));
    relay.start();
    const event = testEventEnvelope('own.thing');
    await bed.unitOfWork(relay).run((context) => context.publish(event));
    await eventually(() => expect(handled).toContainEqual({ id: event.id, attempt: 1 }));
    await relay.stop();
  });

  it('dead-letters an owner event that does not match its contract without explaining the contract', async () => {
    const event = { ...testEventEnvelope(intentApprovedEvent.type), data: { id: 42 } };
    await publishAs(await channelOf('producer'), event.type, event, {
      messageId: event.id,
      userId: vhost.account('producer').user,
    });
    const copy = await eventually(() => deadLetterOf(event.id));
    expect(copy.properties.headers).toMatchObject({
      'x-dead-letter-reason': 'invalid',
      'x-last-error': 'the event does not match its contract',
    });
    expect(JSON.stringify(copy.properties.headers)).not.toMatch(/must|required|property/i);
  });

  it("refuses in code to put another owner's event in its outbox", async () => {
    const ownsOnly = new UnitOfWork(
      bed.dataSource,
      bed.outbox,
      undefined,
      (type) => bed.identity.ownerOf(type) === CONSUMER,
    );
    const foreign = testEventEnvelope('test.accepted');
    await expect(ownsOnly.run((context) => context.publish(foreign))).rejects.toThrow(
      /does not own test\.accepted/,
    );
    expect(await bed.count('SELECT 1 FROM svc.outbox WHERE id = $1', [foreign.id])).toBe(0);
  });
});
