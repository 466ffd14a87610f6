import { RmqContext } from '@nestjs/microservices';
import { ReplySafeServerRMQ } from './reply-safe-server-rmq';

/**
 * The fault harness saw a service replica exit 1 on a RabbitMQ restart: Nest's RMQ server drops
 * the promise of each reply, and amqp-connection-manager rejects it with "channel closed" when the
 * broker goes away before confirming. The channel here plays exactly that rejection.
 */
describe('ReplySafeServerRMQ', () => {
  it('handles the rejection of a reply the broker never confirmed, so the process stays up', async () => {
    const server = new ReplySafeServerRMQ({ urls: ['amqp://127.0.0.1:1'], queue: 'spec.rpc', noAck: true });
    const replies: unknown[] = [];
    const channel = {
      sendToQueue: (queue: string, content: Buffer) => {
        replies.push({ queue, content: content.toString('utf8') });
        return Promise.reject(new Error('channel closed'));
      },
    };
    Object.assign(server, { channel });
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      server.sendMessage({ response: 'ok' }, 'amq.rabbitmq.reply-to.x', 'c-1', {} as RmqContext);
      server.sendMessage({ response: 'ok again' }, 'amq.rabbitmq.reply-to.y', 'c-2', {} as RmqContext);
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', record);
    }
    expect(replies).toHaveLength(2);
    expect(unhandled).toEqual([]);
  });
});
