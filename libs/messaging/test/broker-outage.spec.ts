import { eventually, startTcpProxy, TcpProxy } from '@envrefresh/testing';
import { OutboxRelay, UnitOfWork } from '../src';
import { MessagingTestBed } from './support/messaging-test-bed';
import { testEventEnvelope } from './support/test-events';

const EVENTS = 200;
const SEVER_AFTER = 50;
const OUTAGE_MS = 2_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('events committed while the broker is unreachable', () => {
  let bed: MessagingTestBed;
  let proxy: TcpProxy;
  let relay: OutboxRelay;
  let unitOfWork: UnitOfWork;

  beforeAll(async () => {
    bed = await MessagingTestBed.create(['CREATE TABLE svc.received (event_id uuid NOT NULL)']);
    const broker = new URL(bed.amqpUrl);
    proxy = await startTcpProxy(broker.hostname, Number(broker.port || 5672));
    await bed.consume({
      'test.produced': async (event, { manager }) => {
        await manager.query('INSERT INTO svc.received (event_id) VALUES ($1)', [event.id]);
      },
    });
    const relayConnection = bed.connect('relay', proxy.url(bed.amqpUrl));
    await relayConnection.waitForConnect(5_000);
    relay = bed.relay(relayConnection);
    unitOfWork = bed.unitOfWork(relay);
    relay.start();
  });

  afterAll(async () => {
    await bed?.close();
    await proxy?.close();
  });

  it('all reach the consumer once the broker is back, none lost and each handled once', async () => {
    const produced: string[] = [];
    let restored: Promise<void> | undefined;
    for (let index = 0; index < EVENTS; index += 1) {
      if (index === SEVER_AFTER) {
        expect(proxy.activeConnections()).toBeGreaterThan(0);
        proxy.sever();
        restored = pause(OUTAGE_MS).then(() => proxy.restore());
      }
      const event = testEventEnvelope('test.produced', { index });
      await unitOfWork.run(({ publish }) => publish(event));
      produced.push(event.id);
      await pause(10);
    }
    await restored;

    await eventually(
      async () => {
        const rows: Array<{ event_id: string }> = await bed.dataSource.query(
          'SELECT event_id FROM svc.received',
        );
        expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(produced));
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(proxy.activeConnections()).toBeGreaterThan(0);
    expect(await bed.count('SELECT 1 FROM svc.received')).toBe(EVENTS);
    expect(await bed.count('SELECT 1 FROM svc.outbox WHERE published_at IS NULL')).toBe(0);
  });
});
