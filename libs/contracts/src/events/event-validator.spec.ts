import { intentRequestedEvent } from './catalog/intent.events';
import { createEnvelope } from './create-envelope';
import { EventValidator } from './event-validator';

describe('EventValidator', () => {
  const validator = new EventValidator();
  const good = () =>
    createEnvelope(intentRequestedEvent, intentRequestedEvent.example, {
      correlationId: 'req-42',
      causationId: null,
    });

  it('accepts a well-formed envelope of a catalog event and says which definition checked its data', () => {
    const envelope = good();
    expect(validator.validate(envelope)).toEqual({ ok: true, envelope, definition: intentRequestedEvent });
  });

  it('accepts an intent with fields a later version added', () => {
    const envelope = good();
    const result = validator.validate({
      ...envelope,
      data: { ...envelope.data, lastConflictCheckAt: '2025-02-21T10:00:00Z' },
    });
    expect(result.ok).toBe(true);
  });

  it.each([
    ['id', { id: 'not-a-uuid' }, '/id must match format "uuid"'],
    ['occurredAt', { occurredAt: '2025-02-21 10:00' }, '/occurredAt must match format "date-time"'],
    ['source', { source: 'billing' }, '/source must be one of'],
    ['version', { version: 0 }, '/version must be >= 1'],
    ['causationId', { causationId: 42 }, '/causationId must be string,null'],
    ['correlationId', { correlationId: '' }, '/correlationId must NOT have fewer than 1 characters'],
  ])('rejects a bad %s, naming it', (_field, override, expected) => {
    const result = validator.validate({ ...good(), ...override });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.some((error) => error.startsWith(expected))).toBe(true);
  });

  it('names every missing envelope field', () => {
    const { correlationId: _c, causationId: _k, ...rest } = good();
    const result = validator.validate(rest);
    expect(result).toEqual({ ok: false, errors: ['/correlationId is required', '/causationId is required'] });
  });

  it('checks the data of a catalog event and names the offending data field', () => {
    const envelope = good();
    const result = validator.validate({
      ...envelope,
      data: { ...envelope.data, status: 'PENDING', plannedEnd: undefined },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual(
      expect.arrayContaining([
        '/data/plannedEnd is required',
        expect.stringMatching(/^\/data\/status must be one of "DRAFT"/),
      ]),
    );
  });

  it('checks only the envelope of an unknown type or version, so newer producers do not break consumers', () => {
    const unknownType = validator.validate({ ...good(), type: 'intent.archived', data: { anything: true } });
    const newerVersion = validator.validate({ ...good(), version: 2, data: { reshaped: true } });
    expect(unknownType).toMatchObject({ ok: true, definition: undefined });
    expect(newerVersion).toMatchObject({ ok: true, definition: undefined });
  });

  it('rejects a body that is not an object', () => {
    expect(validator.validate('intent.requested')).toEqual({ ok: false, errors: ['/ must be object'] });
    expect(validator.validate(null).ok).toBe(false);
  });

  it('refuses a catalog that defines a type and version twice', () => {
    expect(() => new EventValidator([intentRequestedEvent, intentRequestedEvent])).toThrow(
      'The event catalog defines intent.requested@v1 twice',
    );
  });
});
