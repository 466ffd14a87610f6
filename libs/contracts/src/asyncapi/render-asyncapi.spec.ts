import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { EVENT_CATALOG } from '../events/event-catalog';
import { buildAsyncApiDocument, messageKey, renderAsyncApi } from './render-asyncapi';
import { SPEC_EVENT_TYPES } from '../events/spec-event-types.fixture';
import { DEFAULT_EVENT_RETENTION, EVENT_VERSION_OVERLAP } from '../events/event-stream';

const DOC_PATH = resolve(__dirname, '../../../../docs/asyncapi.yaml');

type Doc = ReturnType<typeof buildAsyncApiDocument>;

function pointer(doc: unknown, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
}

function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => collectRefs(item, refs));
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') refs.push(value);
      else collectRefs(value, refs);
    }
  }
  return refs;
}

describe('docs/asyncapi.yaml', () => {
  const onDisk = readFileSync(DOC_PATH, 'utf8');
  const doc = parse(onDisk) as Doc;

  it('is what the contracts generate', () => {
    const upToDate = onDisk === renderAsyncApi();
    if (!upToDate) {
      throw new Error(
        'docs/asyncapi.yaml is stale: the event contracts changed. Run `npm run docs:asyncapi` and commit it.',
      );
    }
  });

  it('is an AsyncAPI 3.0.0 document of the topic exchange envrefresh.events', () => {
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.channels.events.address).toBe('envrefresh.events');
    expect(doc.channels.events.bindings.amqp.exchange).toMatchObject({ type: 'topic', durable: true });
    expect(doc.servers.rabbitmq.protocol).toBe('amqp');
    for (const phrase of [
      'at least once',
      'idempotent',
      'persistent',
      'message-id',
      'x-correlation-id',
      'dead-letter',
    ]) {
      expect(doc.info.description).toContain(phrase);
    }
  });

  it('documents the event stream late consumers replay from, and the versioning policy', () => {
    expect(doc.channels.eventStream.address).toBe('envrefresh.events.stream');
    expect(doc.channels.eventStream.bindings.amqp).toMatchObject({ is: 'queue' });
    expect(Object.keys(doc.channels.eventStream.messages)).toEqual(Object.keys(doc.channels.events.messages));
    expect(doc.operations.replayEvents).toMatchObject({ action: 'receive' });
    for (const phrase of [
      'x-stream-offset',
      `default \`${DEFAULT_EVENT_RETENTION}\``,
      'only additive changes',
      'published beside the old one',
      EVENT_VERSION_OVERLAP,
    ]) {
      expect(doc.info.description).toContain(phrase);
    }
  });

  it('has a message for every event type of the spec', () => {
    const names = Object.values(doc.components.messages).map((message) => message.name);
    expect(names).toEqual(expect.arrayContaining(SPEC_EVENT_TYPES));
  });

  it('has every event sent by its producing service and persistent', () => {
    for (const definition of EVENT_CATALOG) {
      const sends = Object.values(doc.operations).filter(
        (operation) =>
          operation.action === 'send' &&
          operation.messages.some((message) => message.$ref.endsWith(`/${messageKey(definition)}`)),
      );
      expect(sends).toHaveLength(1);
      expect(sends[0].title).toBe(`${definition.source} publishes ${definition.type}`);
      expect(sends[0].bindings.amqp).toMatchObject({ deliveryMode: 2 });
    }
  });

  it('resolves every $ref', () => {
    const unresolved = collectRefs(doc).filter((ref) => pointer(doc, ref) === undefined);
    expect(unresolved).toEqual([]);
  });

  it('validates each example against the documented payload schema and rejects a wrong type', () => {
    // Not strict: the document holds AsyncAPI keywords around the schemas Ajv is pointed at.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc, 'asyncapi');
    for (const [key, message] of Object.entries(doc.components.messages)) {
      const validate = ajv.compile({ $ref: `asyncapi#/components/messages/${key}/payload` });
      const example = message.examples[0].payload;
      expect(validate(example) ? key : validate.errors).toBe(key);
      expect(validate({ ...example, type: 'something.else' })).toBe(false);
    }
  });
});
