import { ProblemException } from './problem-exception';
import { RequestValidationException } from './validation-errors';

const IF_MATCH = /^\s*(?:"(\d{1,9})"|(\d{1,9}))\s*$/;

/**
 * The intent version a state-changing call was based on: the body's `version` or `If-Match`
 * (`"3"` or `3`). Both present must agree; neither is 428 Precondition Required, because an
 * unconditional change could silently overwrite someone else's.
 */
export function resolveVersion(
  bodyVersion: number | undefined,
  ifMatch: string | string[] | undefined,
): number {
  const headerVersion = parseIfMatch(ifMatch);
  if (bodyVersion !== undefined && headerVersion !== undefined && bodyVersion !== headerVersion) {
    throw new RequestValidationException([
      {
        field: 'version',
        message: `is ${bodyVersion} but If-Match says ${headerVersion}; send one or make them agree`,
      },
    ]);
  }
  const version = bodyVersion ?? headerVersion;
  if (version === undefined) {
    throw new ProblemException(428, 'Send the intent version you last read, as body "version" or If-Match', {
      type: 'https://envrefresh.dev/problems/version-required',
      title: 'Precondition Required',
      errors: [{ field: 'version', message: 'is required (body field or If-Match header)' }],
    });
  }
  return version;
}

function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? IF_MATCH.exec(header) : null;
  if (!match) {
    throw new RequestValidationException([
      { field: 'If-Match', message: 'must be one intent version, e.g. "3"' },
    ]);
  }
  return Number(match[1] ?? match[2]);
}
