import amqp from 'amqplib';
import { Socket } from 'node:net';
import { ProbeQueue, bindProbeQueue, eventually } from '@envrefresh/testing';
import { coalesceFrameWrites } from '../src/connection/coalesced-frame-writes';
import { MessagingTestBed } from './support/messaging-test-bed';

const MESSAGES = 200;

/**
 * A batch published on one connection leaves in a few socket writes, not one per message, and the
 * broker gets every message, in order, confirmed: the relay's batches and the consumers' acks.
 */
describe("amqplib's frames written together", () => {
  let bed: MessagingTestBed;
  let probe: ProbeQueue;
  const connections: amqp.ChannelModel[] = [];

  beforeAll(async () => {
    bed = await MessagingTestBed.create([]);
    await bed.channel();
    probe = await bindProbeQueue(bed.amqpUrl, bed.exchange, ['coalesced.#']);
  });

  afterAll(async () => {
    await Promise.allSettled(connections.map((connection) => connection.close()));
    await probe?.close();
    await bed?.close();
  });

  /** Publishes a batch on a connection of its own and counts the socket writes it took. */
  async function publishBatch(label: string, coalesced: boolean): Promise<number> {
    const model = await amqp.connect(bed.amqpUrl);
    connections.push(model);
    if (coalesced) expect(coalesceFrameWrites(model)).toBe(true);
    const socket = (model as unknown as { connection: { stream: Socket } }).connection.stream;
    const channel = await model.createConfirmChannel();
    let writes = 0;
    const counted = <T extends (...args: never[]) => unknown>(write: T) =>
      ((...args: Parameters<T>) => {
        writes += 1;
        return write.apply(socket, args);
      }) as T;
    Object.assign(socket, { _write: counted(socket._write), _writev: counted(socket._writev!) });
    for (let index = 0; index < MESSAGES; index++)
      channel.publish(bed.exchange, `coalesced.${label}`, Buffer.from(`${label} ${index}`));
    await channel.waitForConfirms();
    return writes;
  }

  it('sends a batch in a few writes, every message arriving in order', async () => {
    const writes = await publishBatch('together', true);
    expect(writes).toBeLessThan(MESSAGES / 10);
    await eventually(() =>
      expect(
        probe.messages.filter((message) => message.fields.routingKey === 'coalesced.together'),
      ).toHaveLength(MESSAGES),
    );
    expect(
      probe.messages
        .filter((message) => message.fields.routingKey === 'coalesced.together')
        .map((message) => message.content.toString()),
    ).toEqual(Array.from({ length: MESSAGES }, (_, index) => `together ${index}`));
  });

  it('is what makes the difference: without it each message is a write of its own', async () => {
    expect(await publishBatch('apart', false)).toBeGreaterThanOrEqual(MESSAGES / 2);
  });
});
