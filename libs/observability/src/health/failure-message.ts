/**
 * A one-line reason for a failed check. Some errors carry no message of their own: node-postgres
 * reports a refused connection to every address of a host as an AggregateError with an empty
 * message, and a code is all some socket errors have.
 */
export function failureMessage(error: unknown): string {
  if (error instanceof AggregateError && !error.message) {
    return error.errors.map(failureMessage).join('; ') || 'AggregateError';
  }
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}
