import { SpanKind, context, trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { InMemoryTracing, eventually } from '@envrefresh/testing';
import { EventHandlerFn, OutboxRelay, UnitOfWork } from '../src';
import { MessagingTestBed } from './support/messaging-test-bed';
import { testEventEnvelope } from './support/test-events';

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;

/**
 * The trace context rides with an event through the outbox: the row keeps the context of the
 * transaction that wrote it, the relay's publish continues it, the consumer's handling continues
 * the publish, and what the handler writes continues the handling. Spans read from the SDK's
 * in-memory exporter; real Postgres and RabbitMQ.
 */
describe('a trace through the outbox, the relay and the consumer', () => {
  let bed: MessagingTestBed;
  let relay: OutboxRelay;
  let unitOfWork: UnitOfWork;
  let tracing: InMemoryTracing | undefined;
  const handled: string[] = [];

  // trace.first's handler writes trace.second, as a service reacting to an event does.
  const handlers: Record<string, EventHandlerFn> = {
    'trace.first': async (event, { publish }) => {
      handled.push(event.id);
      await publish(testEventEnvelope('trace.second', { after: event.id }));
    },
    'trace.second': async (event) => void handled.push(event.id),
  };

  const outboxHeaders = async (id: string): Promise<Record<string, string>> =>
    (await bed.dataSource.query('SELECT headers FROM svc.outbox WHERE id = $1', [id]))[0].headers;

  const spanNamed = (spans: ReadableSpan[], name: string): ReadableSpan => {
    const found = spans.filter((span) => span.name === name);
    expect(found).toHaveLength(1);
    return found[0];
  };

  beforeAll(async () => {
    bed = await MessagingTestBed.create();
    relay = bed.relay(bed.connect('relay'));
    unitOfWork = bed.unitOfWork(relay);
    await bed.consume(handlers);
    relay.start();
  });

  afterAll(async () => {
    await bed?.close();
    await tracing?.uninstall();
  });

  it('writes and sends no trace header while tracing is off', async () => {
    const event = testEventEnvelope('trace.second');
    await unitOfWork.run(({ publish }) => publish(event));

    expect(await outboxHeaders(event.id)).toEqual({ 'x-correlation-id': event.correlationId });
    await eventually(() => expect(handled).toContain(event.id));
  });

  describe('with an SDK in the process', () => {
    beforeAll(() => {
      tracing = InMemoryTracing.install();
    });

    it('continues the writing transaction in the publish, the handling, and the event the handler writes', async () => {
      const first = testEventEnvelope('trace.first');
      const request = trace.getTracer('spec').startSpan('request', { kind: SpanKind.SERVER });
      const { traceId, spanId: requestSpanId } = request.spanContext();
      await context.with(trace.setSpan(context.active(), request), () =>
        unitOfWork.run(({ publish }) => publish(first)),
      );
      request.end();

      expect((await outboxHeaders(first.id)).traceparent).toBe(`00-${traceId}-${requestSpanId}-01`);
      const spans = await eventually(() => {
        const inTrace = tracing!.trace(traceId);
        expect(inTrace.map((span) => span.name)).toEqual(expect.arrayContaining(['trace.second process']));
        return inTrace;
      });

      const publishFirst = spanNamed(spans, 'trace.first publish');
      const processFirst = spanNamed(spans, 'trace.first process');
      const publishSecond = spanNamed(spans, 'trace.second publish');
      const processSecond = spanNamed(spans, 'trace.second process');
      expect(publishFirst.kind).toBe(SpanKind.PRODUCER);
      expect(processFirst.kind).toBe(SpanKind.CONSUMER);
      expect(publishFirst.parentSpanContext?.spanId).toBe(requestSpanId);
      expect(processFirst.parentSpanContext?.spanId).toBe(publishFirst.spanContext().spanId);
      expect(publishSecond.parentSpanContext?.spanId).toBe(processFirst.spanContext().spanId);
      expect(processSecond.parentSpanContext?.spanId).toBe(publishSecond.spanContext().spanId);
      expect(processFirst.attributes).toMatchObject({
        'messaging.system': 'rabbitmq',
        'messaging.message.id': first.id,
        'messaging.consumer.group.name': 'svc',
        'envrefresh.inbox.duplicate': false,
      });
      const second = handled[handled.indexOf(first.id) + 1];
      expect((await outboxHeaders(second)).traceparent).toBe(
        `00-${traceId}-${processFirst.spanContext().spanId}-01`,
      );
    });

    it('starts a trace at the publish of an event written outside any', async () => {
      const orphan = testEventEnvelope('trace.second');
      await unitOfWork.run(({ publish }) => publish(orphan));
      expect((await outboxHeaders(orphan.id)).traceparent).toBeUndefined();

      const processed = await eventually(() => {
        const found = tracing!
          .spans()
          .find(
            (span) =>
              span.name === 'trace.second process' && span.attributes['messaging.message.id'] === orphan.id,
          );
        expect(found).toBeDefined();
        return found!;
      });
      const [published] = tracing!
        .trace(processed.spanContext().traceId)
        .filter((span) => span.name === 'trace.second publish');
      expect(published.parentSpanContext).toBeUndefined();
      expect(processed.parentSpanContext?.spanId).toBe(published.spanContext().spanId);
      expect(`00-${published.spanContext().traceId}-${published.spanContext().spanId}-01`).toMatch(
        TRACEPARENT,
      );
    });
  });
});
