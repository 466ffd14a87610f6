import { isUtf8 } from 'node:buffer';
import type { FastifyBodyParser, FastifyRequest } from 'fastify';
import { ProblemException } from '../problem-exception';
import { FieldError, RequestValidationException } from '../validation-errors';
import { reservedKeyErrors } from '../validation/reserved-keys.pipe';
import { ACCEPTED_BODY_TYPES, isJsonInUtf8 } from './media-type';
import { findTextFlaws } from './text-flaws';

/** Fastify's own JSON parser (secure-json-parse: `__proto__` and `constructor.prototype` refused). */
export type DefaultJsonParser = (
  request: FastifyRequest,
  body: string | Buffer,
  done: (error: Error | null, body?: unknown) => void,
) => void;

const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * The one parser of every request body, whatever its Content-Type: anything but JSON in UTF-8 is
 * 415; bytes that are not UTF-8, a NUL or a lone surrogate in any string, and nesting deeper than
 * MAX_JSON_DEPTH are 400 naming the field. So no such body reaches a validator or a service.
 */
export function jsonBodyParser(defaultParser: DefaultJsonParser): FastifyBodyParser<Buffer> {
  return (request, body, done) => {
    const contentType = request.headers['content-type'];
    if (!isJsonInUtf8(contentType)) {
      done(
        new ProblemException(
          415,
          `Send the body as ${ACCEPTED_BODY_TYPES}; got ${contentType ? `"${contentType}"` : 'no Content-Type'}`,
          { type: 'https://envrefresh.dev/problems/unsupported-media-type' },
        ),
      );
      return;
    }
    if (!isUtf8(body)) {
      done(new RequestValidationException(fieldsNotInUtf8(body)));
      return;
    }
    defaultParser(request, body, (error, parsed) => {
      if (error) return done(reservedMembersIn(body) ?? error);
      const flaws = findTextFlaws(parsed);
      if (flaws.length > 0) return done(new RequestValidationException(flaws));
      done(null, parsed);
    });
  };
}

/**
 * The strings holding the bytes that are not UTF-8, when the body still parses with them replaced
 * (U+FFFD), else the body itself.
 */
function fieldsNotInUtf8(body: Buffer): FieldError[] {
  const message = 'is not valid UTF-8';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return [{ field: 'body', message }];
  }
  const fields = findTextFlaws(parsed, (text) =>
    text.includes(REPLACEMENT_CHARACTER) ? message : undefined,
  );
  return fields.length > 0 ? fields : [{ field: 'body', message }];
}

/**
 * Fastify's parser refuses `__proto__` and `constructor.prototype` as if the body were not JSON;
 * when it is JSON, the answer names those members, as the reserved-keys pipe does for the others.
 */
function reservedMembersIn(body: Buffer): RequestValidationException | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  const reserved = reservedKeyErrors(parsed);
  return reserved.length > 0 ? new RequestValidationException(reserved) : undefined;
}
