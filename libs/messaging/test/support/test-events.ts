import { randomUUID } from 'node:crypto';
import { createEnvelope, defineEvent, EventEnvelope, EventValidator } from '@envrefresh/contracts';
import { EnvelopeValidatorFn } from '../../src';

type TestData = Record<string, unknown>;

/**
 * An event type the catalog does not know: the validator accepts it on the envelope alone, so
 * specs can name types after what their handler does.
 */
export function testEventEnvelope(type: string, data: TestData = {}): EventEnvelope<string, TestData> {
  const definition = defineEvent<TestData>()({
    type,
    version: 1,
    source: 'intents',
    description: 'An event that exists only in tests',
    dataSchema: { type: 'object' },
    example: {},
  });
  return createEnvelope(definition, data, { correlationId: `corr-${randomUUID()}`, causationId: null });
}

/** The same check MessagingModule gives every service. */
export function envelopeValidator(): EnvelopeValidatorFn {
  const validator = new EventValidator();
  return (body) => validator.validate(body);
}
