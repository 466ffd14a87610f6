import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { eventually } from '@envrefresh/testing';
import { consumerTopology, EventConsumer, HandlerContext, OnEvent, ReceivedEnvelope } from '../src';
import { EventHandlerExplorer } from '../src/consumer/event-handler.explorer';
import { messagingMetrics } from '../src/metrics/messaging-metrics';
import { CONSUMER, MessagingTestBed } from './support/messaging-test-bed';
import { testEventEnvelope } from './support/test-events';

async function skippedVersions(type: string): Promise<number> {
  const { values } = await messagingMetrics.skipped.get();
  return values
    .filter(({ labels }) => labels.type === type && labels.reason === 'unknown_version')
    .reduce((sum, { value }) => sum + value, 0);
}

/** A v1 projection of `test.versioned`, as every handler is until it declares more. */
@Injectable()
class FirstVersionProjection {
  @OnEvent('test.versioned')
  async project(event: ReceivedEnvelope, { manager }: HandlerContext): Promise<void> {
    await manager.query('INSERT INTO svc.seen (handler, version) VALUES ($1, $2)', [
      'v1 only',
      event.version,
    ]);
  }
}

/** A handler that has learnt version 2 as well. */
@Injectable()
class BothVersionsProjection {
  @OnEvent('test.versioned', { versions: [1, 2] })
  async project(event: ReceivedEnvelope, { manager }: HandlerContext): Promise<void> {
    await manager.query('INSERT INTO svc.seen (handler, version) VALUES ($1, $2)', [
      'v1 and v2',
      event.version,
    ]);
  }
}

async function explore(...providers: Array<new (...args: never[]) => unknown>) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [EventHandlerExplorer, ...providers],
  }).compile();
  return module.get(EventHandlerExplorer).explore();
}

/**
 * ADR 0025: a change that is not additive is a new version published beside the old one. The fault
 * harness's "unknown version" poison (a handled type at version 99) passed validation on its
 * envelope and reached the type's v1 handler. A version no handler declares is now acknowledged
 * unhandled, counted and logged: never handled as v1, never a dead letter.
 */
describe('an event of a handled type at a version its handler does not declare', () => {
  let bed: MessagingTestBed;
  let consumer: EventConsumer | undefined;

  beforeEach(async () => {
    bed = await MessagingTestBed.create([
      'CREATE TABLE svc.seen (handler text NOT NULL, version int NOT NULL)',
    ]);
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
    await bed?.close();
  });

  const seen = async () =>
    (await bed.dataSource.query('SELECT handler, version FROM svc.seen ORDER BY version, handler')) as {
      handler: string;
      version: number;
    }[];

  it('is acked and counted, never handed to the v1 handler nor dead-lettered', async () => {
    consumer = await bed.consume(Object.fromEntries(await explore(FirstVersionProjection)));
    const skippedBefore = await skippedVersions('test.versioned');
    const newer = { ...testEventEnvelope('test.versioned', { shape: 'v99' }), version: 99 };
    const current = testEventEnvelope('test.versioned', { shape: 'v1' });
    await bed.publishRaw('test.versioned', newer, { messageId: newer.id });
    await bed.publishRaw('test.versioned', current, { messageId: current.id });

    await eventually(async () => expect(await seen()).toEqual([{ handler: 'v1 only', version: 1 }]));
    await eventually(async () => expect(await skippedVersions('test.versioned')).toBe(skippedBefore + 1));
    const { queue, deadLetterQueue } = consumerTopology(bed.namespace, CONSUMER, []);
    await consumer.stop();
    consumer = undefined;
    expect(await bed.readyCount(queue)).toBe(0);
    expect(await bed.readyCount(deadLetterQueue)).toBe(0);
    // Skipped, not processed: the inbox holds the v1 event only.
    expect(await bed.count('SELECT 1 FROM svc.inbox WHERE message_id = $1', [newer.id])).toBe(0);
    expect(await bed.count('SELECT 1 FROM svc.inbox WHERE message_id = $1', [current.id])).toBe(1);
  });

  it('reaches a handler that declares it, and only that one of the handlers of its type', async () => {
    consumer = await bed.consume(
      Object.fromEntries(await explore(FirstVersionProjection, BothVersionsProjection)),
    );
    const second = { ...testEventEnvelope('test.versioned', { shape: 'v2' }), version: 2 };
    const first = testEventEnvelope('test.versioned', { shape: 'v1' });
    await bed.publishRaw('test.versioned', second, { messageId: second.id });
    await bed.publishRaw('test.versioned', first, { messageId: first.id });

    await eventually(async () =>
      expect(await seen()).toEqual([
        { handler: 'v1 and v2', version: 1 },
        { handler: 'v1 only', version: 1 },
        { handler: 'v1 and v2', version: 2 },
      ]),
    );
  });

  it('refuses a declaration of no version, or of a version that cannot be', () => {
    expect(() => OnEvent('test.versioned', { versions: [] })).toThrow(/versions must be whole numbers/);
    expect(() => OnEvent('test.versioned', { versions: [0] })).toThrow(/versions must be whole numbers/);
  });
});
