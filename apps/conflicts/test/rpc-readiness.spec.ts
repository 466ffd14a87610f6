import * as amqp from 'amqplib';
import { eventually } from '@envrefresh/testing';
import { rpcQueue } from '@envrefresh/messaging';
import { ConflictsTestBed } from './support/conflicts-test-bed';

/**
 * Every backend service's readiness covers its RPC server's consumer (libs/platform's
 * ServiceModule), not only its events connection: a service whose RPC queue nobody consumes only
 * makes requests wait for the gateway's timeout. Played on conflicts; the wiring is shared.
 */
describe('a service’s readiness and its RPC consumer', () => {
  let bed: ConflictsTestBed;
  let admin: amqp.ChannelModel;

  beforeAll(async () => {
    bed = await ConflictsTestBed.start([]);
    admin = await amqp.connect(bed.amqpUrl);
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
    await bed?.close();
  }, 30_000);

  it('is ready with its RPC server consuming, not ready while it is not, and ready again once it consumes again', async () => {
    const ready = await bed.readiness();
    expect(ready.status).toBe(200);
    expect(ready.body.details).toMatchObject({ rpc: { status: 'up' } });

    const answers: { status: number; body: Record<string, unknown> }[] = [];
    const watch = setInterval(() => void bed.readiness().then((answer) => answers.push(answer)), 25);
    try {
      // Deleting the RPC queue cancels the server's consumer while every connection stays up.
      const channel = await admin.createChannel();
      await channel.deleteQueue(rpcQueue(bed.namespace, 'conflicts'));
      await channel.close();
      await eventually(() => expect(answers.some((answer) => answer.status === 503)).toBe(true), {
        timeoutMs: 5_000,
      });
      const notReady = answers.find((answer) => answer.status === 503)!;
      expect(notReady.body.error).toMatchObject({
        rpc: { status: 'down', message: expect.stringContaining('not consuming its queue') },
      });
      await eventually(async () => expect((await bed.readiness()).status).toBe(200), { timeoutMs: 20_000 });
    } finally {
      clearInterval(watch);
    }
  }, 60_000);
});
