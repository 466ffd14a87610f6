import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { eventually } from '@envrefresh/testing';
import { HandlerContext, OnEvent, ReceivedEnvelope } from '../src';
import { EventHandlerExplorer } from '../src/consumer/event-handler.explorer';
import { MessagingTestBed } from './support/messaging-test-bed';
import { testEventEnvelope } from './support/test-events';

@Injectable()
class WindowProjection {
  readonly seen: string[] = [];

  @OnEvent('test.window_opened', 'test.window_moved', 'test.window_closed')
  async onWindow(event: ReceivedEnvelope, { manager }: HandlerContext): Promise<void> {
    await manager.query('INSERT INTO svc.projected (event_type) VALUES ($1)', [event.type]);
    this.seen.push(event.type);
  }

  @OnEvent('test.other')
  async onOther(): Promise<void> {}
}

/** Another context of the same service keeping its own projection of one of those events. */
@Injectable()
class MoveLog {
  @OnEvent('test.window_moved')
  async onMoved(event: ReceivedEnvelope, { manager }: HandlerContext): Promise<void> {
    await manager.query('INSERT INTO svc.projected (event_type) VALUES ($1)', [`logged ${event.type}`]);
  }
}

async function explore(...providers: Array<new (...args: never[]) => unknown>) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [EventHandlerExplorer, ...providers],
  }).compile();
  return { module, handlers: module.get(EventHandlerExplorer).explore() };
}

describe('@OnEvent with several types', () => {
  let bed: MessagingTestBed;

  beforeAll(async () => {
    bed = await MessagingTestBed.create(['CREATE TABLE svc.projected (event_type text NOT NULL)']);
  });

  afterAll(async () => bed?.close());

  it('gives one method every type it names, and binds the queue to each of them', async () => {
    const { module, handlers } = await explore(WindowProjection);
    expect([...handlers.keys()].sort()).toEqual([
      'test.other',
      'test.window_closed',
      'test.window_moved',
      'test.window_opened',
    ]);
    await bed.consume(Object.fromEntries(handlers));

    for (const type of ['test.window_opened', 'test.window_moved', 'test.window_closed']) {
      const event = testEventEnvelope(type);
      await bed.publishRaw(type, event, { messageId: event.id });
    }

    const projection = module.get(WindowProjection);
    await eventually(() => expect(projection.seen).toHaveLength(3));
    expect(projection.seen.sort()).toEqual(['test.window_closed', 'test.window_moved', 'test.window_opened']);
    expect(await bed.count('SELECT 1 FROM svc.projected')).toBe(3);
  });

  it('runs the handlers of two contexts for one type one after the other, in the one transaction', async () => {
    // A bed of its own: the first spec's consumer still listens on the shared one.
    const own = await MessagingTestBed.create(['CREATE TABLE svc.projected (event_type text NOT NULL)']);
    try {
      const { handlers } = await explore(WindowProjection, MoveLog);
      await own.consume({ 'test.window_moved': handlers.get('test.window_moved')! });
      const event = testEventEnvelope('test.window_moved');
      await own.publishRaw('test.window_moved', event, { messageId: event.id });
      await own.publishRaw('test.window_moved', event, { messageId: event.id });
      await eventually(async () => expect(await own.count('SELECT 1 FROM svc.projected')).toBe(2));
      const rows: { event_type: string }[] = await own.dataSource.query(
        'SELECT event_type FROM svc.projected ORDER BY 1',
      );
      expect(rows.map((row) => row.event_type)).toEqual(['logged test.window_moved', 'test.window_moved']);
    } finally {
      await own.close();
    }
  });

  it('refuses the same method found twice for a type', async () => {
    const module = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [EventHandlerExplorer, MoveLog, { provide: 'again', useClass: MoveLog }],
    }).compile();
    expect(() => module.get(EventHandlerExplorer).explore()).toThrow(
      'MoveLog.onMoved handles test.window_moved twice: is it provided in two modules?',
    );
  });
});
