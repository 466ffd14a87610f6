import fc from 'fast-check';
import { BodyShape, FieldKind } from '../../api/support/malformed-requests';
import { JsonSchema, OpenApiDocument, OpenApiParameter, OpenApiRoute, resolveSchema } from './openapi-routes';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** What a member must be, read from its schema in the OpenAPI document (an instant by its example). */
export function fieldKindOf(document: OpenApiDocument, schema: JsonSchema): FieldKind {
  const resolved = resolveSchema(document, schema);
  if (resolved.enum) return { type: 'enum', values: resolved.enum.map(String) };
  switch (resolved.type) {
    case 'integer':
      return { type: 'integer' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
      return { type: 'string-array' };
    case 'object':
      return { type: 'object' };
    default:
      if (resolved.properties) return { type: 'object' };
      if (resolved.format === 'uuid') return { type: 'uuid' };
      if (typeof resolved.example === 'string' && INSTANT.test(resolved.example)) return { type: 'instant' };
      return { type: 'string' };
  }
}

/** The body shape of a route: its members and required ones from the document, `valid` from the spec. */
export function bodyShapeOf(
  document: OpenApiDocument,
  schema: JsonSchema,
  valid: Record<string, unknown>,
): BodyShape {
  const properties = schema.properties ?? {};
  return {
    valid,
    fields: Object.fromEntries(
      Object.entries(properties).map(([name, member]) => [name, fieldKindOf(document, member)]),
    ),
    required: schema.required ?? [],
  };
}

export function queryParameters(route: OpenApiRoute): OpenApiParameter[] {
  return (route.operation.parameters ?? []).filter((parameter) => parameter.in === 'query');
}

/** Values for one query parameter: plausible ones of its type and anything a client might type. */
function parameterValue(document: OpenApiDocument, parameter: OpenApiParameter): fc.Arbitrary<string> {
  const schema = parameter.schema ? resolveSchema(document, parameter.schema) : {};
  const typed: fc.Arbitrary<string>[] = [];
  if (schema.enum) typed.push(fc.constantFrom(...schema.enum.map(String)));
  if (schema.type === 'integer' || schema.type === 'number')
    typed.push(fc.integer({ min: -5, max: 2_000 }).map(String));
  if (schema.type === 'boolean') typed.push(fc.constantFrom('true', 'false', 'yes', '1'));
  if (schema.format === 'uuid') typed.push(fc.uuid());
  return fc.oneof(
    ...typed,
    fc
      .date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true })
      .map((date) => date.toISOString()),
    fc.constantFrom(
      '',
      'P1D',
      'PT4H',
      'PT0S',
      'P99999D',
      '-1',
      '0',
      'null',
      '[]',
      'true',
      '2031-13-45T10:00:00Z',
    ),
    fc.string({ maxLength: 30 }),
    fc.base64String({ maxLength: 40 }),
  );
}

/** A query string for `route`: some of its parameters, sometimes twice, sometimes one it does not know. */
export function queryArbitrary(
  document: OpenApiDocument,
  route: OpenApiRoute,
): fc.Arbitrary<URLSearchParams> {
  const parameters = queryParameters(route);
  const pair = fc.oneof(
    ...(parameters.length
      ? [
          fc
            .constantFrom(...parameters)
            .chain((parameter) =>
              parameterValue(document, parameter).map((value) => [parameter.name, value] as const),
            ),
        ]
      : []),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 12 }))
      .map(([name, value]) => [name, value] as const),
  );
  return fc
    .array(pair, { maxLength: 6 })
    .map((pairs) => new URLSearchParams(pairs.map(([name, value]): [string, string] => [name, value])));
}
