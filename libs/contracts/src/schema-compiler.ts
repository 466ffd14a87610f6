import Ajv, { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Strict, so a schema with a typo or a keyword that does nothing fails to compile instead of
 * silently accepting everything; allErrors, so a producer sees every problem of a message at once.
 */
export function createSchemaCompiler(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

/** One line per problem, starting with the JSON Pointer of the offending value ("/" is the root). */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? []).map((error) => {
    const { path, message } = explain(error);
    return `${path || '/'} ${message}`;
  });
  return [...new Set(lines)];
}

function explain(error: ErrorObject): { path: string; message: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: `${error.instancePath}/${String(params.missingProperty)}`, message: 'is required' };
    case 'additionalProperties':
      return {
        path: `${error.instancePath}/${String(params.additionalProperty)}`,
        message: 'is not allowed',
      };
    case 'enum':
      return {
        path: error.instancePath,
        message: `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`,
      };
    case 'const':
      return { path: error.instancePath, message: `must be ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  }
}
