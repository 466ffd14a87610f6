import { createSchemaCompiler } from '../schema-compiler';
import { createEnvelope } from './create-envelope';
import { EVENT_CATALOG, EVENT_TYPES, findEventDefinition } from './event-catalog';
import { EVENT_TYPE_PATTERN } from './event-envelope.schema';
import { EventValidator } from './event-validator';
import { SPEC_EVENT_TYPES } from './spec-event-types.fixture';

describe('event catalog', () => {
  it('defines every event type of the spec', () => {
    expect([...EVENT_TYPES].sort()).toEqual(expect.arrayContaining(SPEC_EVENT_TYPES.sort()));
  });

  it.each(EVENT_CATALOG.map((definition) => [definition.type, definition] as const))(
    '%s: its data schema compiles in strict mode and accepts its example',
    (_type, definition) => {
      const validate = createSchemaCompiler().compile(definition.dataSchema);
      expect(validate(definition.example) ? [] : validate.errors).toEqual([]);
    },
  );

  it('every example travels as a valid envelope', () => {
    const validator = new EventValidator();
    for (const definition of EVENT_CATALOG) {
      const envelope = createEnvelope(definition, definition.example, {
        correlationId: 'c-1',
        causationId: null,
      });
      const result = validator.validate(envelope);
      expect(result.ok ? definition.type : result.errors).toBe(definition.type);
    }
  });

  it('gives each type a routable name and a known version, found by type and version', () => {
    for (const definition of EVENT_CATALOG) {
      expect(definition.type).toMatch(new RegExp(EVENT_TYPE_PATTERN));
      expect(findEventDefinition(definition.type, definition.version)).toBe(definition);
    }
    expect(findEventDefinition('intent.requested', 99)).toBeUndefined();
  });

  it('has intents publish every intent event, with the whole intent as data', () => {
    const intentEvents = EVENT_CATALOG.filter((definition) => definition.type.startsWith('intent.'));
    expect(intentEvents).toHaveLength(11);
    for (const definition of intentEvents) {
      expect(definition.source).toBe('intents');
      expect(definition.dataSchema.title).toBe('IntentView');
    }
  });
});
