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

@Injectable()
class SecondOpinion {
  @OnEvent('test.window_moved')
  async onMoved(): Promise<void> {}
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

  it('refuses two handlers for one type, even when one of them names several', async () => {
    await expect(explore(WindowProjection, SecondOpinion)).rejects.toThrow(
      'Two handlers for test.window_moved in one service; merge them',
    );
  });
});
