import { scheduleStartDueEvent } from './catalog/schedule.events';
import { createEnvelope } from './create-envelope';

describe('createEnvelope', () => {
  const data = scheduleStartDueEvent.example;

  it('stamps type, version and producing service from the definition, with a fresh uuid and time', () => {
    const before = Date.now();
    const envelope = createEnvelope(scheduleStartDueEvent, data, {
      correlationId: 'req-1',
      causationId: 'evt-0',
    });
    expect(envelope).toMatchObject({
      type: 'schedule.start_due',
      version: 1,
      source: 'scheduling',
      correlationId: 'req-1',
      causationId: 'evt-0',
      data,
    });
    expect(envelope.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(envelope.occurredAt)).toBeGreaterThanOrEqual(before);
    expect(
      createEnvelope(scheduleStartDueEvent, data, { correlationId: 'r', causationId: null }).id,
    ).not.toBe(envelope.id);
  });

  it('takes an explicit id, time and source', () => {
    const envelope = createEnvelope(scheduleStartDueEvent, data, {
      correlationId: 'req-1',
      causationId: null,
      id: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c',
      occurredAt: new Date('2025-03-01T22:00:00Z'),
      source: 'gateway',
    });
    expect(envelope).toMatchObject({
      id: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c',
      occurredAt: '2025-03-01T22:00:00.000Z',
      source: 'gateway',
    });
  });
});
