import { AsyncAPIDocumentInterface, Diagnostic, DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EVENT_CATALOG } from '../events/event-catalog';
import { eventMessageSchema } from '../events/event-message.schema';
import { messageKey } from './render-asyncapi';

const DOC_PATH = resolve(__dirname, '../../../../docs/asyncapi.yaml');

/** The parser dereferences $ref and tags every schema with x-parser-*; without the tags it is the source schema. */
function withoutParserKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutParserKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.startsWith('x-parser-'))
        .map(([key, item]) => [key, withoutParserKeys(item)]),
    );
  }
  return value;
}

describe('docs/asyncapi.yaml read by @asyncapi/parser', () => {
  let document: AsyncAPIDocumentInterface | undefined;
  let diagnostics: Diagnostic[] = [];

  beforeAll(async () => {
    ({ document, diagnostics } = await new Parser().parse(readFileSync(DOC_PATH, 'utf8')));
  });

  it('is valid AsyncAPI: no errors and no warnings', () => {
    const problems = diagnostics
      .filter(
        ({ severity }) => severity === DiagnosticSeverity.Error || severity === DiagnosticSeverity.Warning,
      )
      .map(({ code, path, message }) => `${code} at ${path.join('.')}: ${message}`);
    expect(problems).toEqual([]);
    expect(document).toBeDefined();
  });

  it('has every catalog event as a message whose payload is the contract schema of that event', () => {
    const messages = new Map(
      document!
        .messages()
        .all()
        .map((message) => [message.id(), message]),
    );
    for (const definition of EVENT_CATALOG) {
      const message = messages.get(messageKey(definition));
      expect(message?.name()).toBe(definition.type);
      expect(message!.hasPayload()).toBe(true);
      expect(withoutParserKeys(message!.payload()!.json())).toEqual(eventMessageSchema(definition));
    }
    expect(messages.size).toBe(EVENT_CATALOG.length);
  });
});
