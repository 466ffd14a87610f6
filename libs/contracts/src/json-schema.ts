/**
 * A JSON Schema (draft-07, the dialect Ajv's default class and AsyncAPI 3 both speak) as plain data,
 * so one object serves the validator and the generated documentation.
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

export const idSchema: JsonSchema = { type: 'string', minLength: 1, description: 'Opaque identifier.' };

export const dateTimeSchema: JsonSchema = {
  type: 'string',
  format: 'date-time',
  description: 'ISO-8601 instant with an offset, e.g. 2025-03-01T22:00:00Z.',
};

export const isoDurationSchema: JsonSchema = {
  type: 'string',
  pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$',
  description: 'ISO-8601 duration, e.g. PT1H or P7D.',
};

export const stringListSchema: JsonSchema = { type: 'array', items: { type: 'string', minLength: 1 } };

export function enumSchema(values: readonly string[], description?: string): JsonSchema {
  return description
    ? { type: 'string', enum: [...values], description }
    : { type: 'string', enum: [...values] };
}

/** Half-open window `[start, end)`. */
export const timeWindowSchema: JsonSchema = {
  type: 'object',
  required: ['start', 'end'],
  properties: { start: dateTimeSchema, end: dateTimeSchema },
};

export interface TimeWindow {
  start: string;
  end: string;
}
