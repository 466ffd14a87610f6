import { eventually, testServiceEnv } from '@envrefresh/testing';
import { consumerTopology } from '../src';
import { MessagingTestBed } from './support/messaging-test-bed';
import { SlowConsumerProcess } from './support/slow-consumer.process';
import { testEventEnvelope } from './support/test-events';

const EVENTS = 40;
const STOP_WITHIN_MS = 5_000;

interface WorkRow {
  event_id: string;
  pid: number;
}

describe('a consuming service stopped with SIGTERM while events are in hand', () => {
  let bed: MessagingTestBed;
  const processes: SlowConsumerProcess[] = [];
  const topology = () => consumerTopology(bed.namespace, 'worker', [200, 400]);

  const startConsumer = async () => {
    const env = testServiceEnv({
      databaseUrl: bed.databaseUrl,
      amqpUrl: bed.amqpUrl,
      namespace: bed.namespace,
      extra: { MESSAGING_PREFETCH: '10', SLOW_WORK_MS: '300' },
    });
    const consumer = await SlowConsumerProcess.start(env);
    processes.push(consumer);
    return consumer;
  };
  const workDone = (): Promise<WorkRow[]> => bed.dataSource.query('SELECT event_id, pid FROM svc.work_done');
  const stop = async (consumer: SlowConsumerProcess) => {
    const sentAt = Date.now();
    consumer.signal('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      consumer.exited,
      new Promise((resolve) => (timer = setTimeout(resolve, STOP_WITHIN_MS, 'still running'))),
    ]).finally(() => clearTimeout(timer));
    expect({ exit, stderr: consumer.errors }).toEqual({ exit: { code: 0, signal: null }, stderr: '' });
    return Date.now() - sentAt;
  };

  beforeAll(async () => {
    bed = await MessagingTestBed.create([
      'CREATE TABLE svc.work_done (event_id uuid NOT NULL, pid integer NOT NULL)',
    ]);
    bed.declared(topology());
  });

  afterAll(async () => {
    processes.forEach((consumer) => consumer.kill());
    await Promise.all(processes.map((consumer) => consumer.exited));
    await bed?.close();
  });

  it('finishes the work in hand, exits 0, and leaves the rest to the next process, none lost or done twice', async () => {
    const first = await startConsumer();
    const published: string[] = [];
    for (let index = 0; index < EVENTS; index += 1) {
      const event = testEventEnvelope('test.work', { index });
      await bed.publishRaw('test.work', event, { messageId: event.id });
      published.push(event.id);
    }

    // Some work committed and more started but not finished: the signal lands mid-work.
    await eventually(
      async () => {
        const done = (await workDone()).length;
        expect(done).toBeGreaterThan(0);
        expect(first.started.size).toBeGreaterThan(done);
      },
      { intervalMs: 10 },
    );
    await stop(first);

    const byFirst = (await workDone()).filter((row) => row.pid === first.pid).map((row) => row.event_id);
    expect(new Set(byFirst)).toEqual(first.started);
    expect(byFirst.length).toBeLessThan(EVENTS);

    const second = await startConsumer();
    await eventually(async () => expect((await workDone()).length).toBeGreaterThanOrEqual(EVENTS));
    await stop(second);

    const rows = await workDone();
    expect(rows).toHaveLength(EVENTS);
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(published));
    expect(rows.filter((row) => row.pid === second.pid)).toHaveLength(EVENTS - byFirst.length);
    expect(await bed.readyCount(topology().queue)).toBe(0);
    expect(await bed.readyCount(topology().deadLetterQueue)).toBe(0);
  });
});
