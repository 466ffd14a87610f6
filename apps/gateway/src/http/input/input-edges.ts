import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { RequestValidationException } from '../validation-errors';
import { DefaultJsonParser, jsonBodyParser } from './json-body.parser';
import { findTextFlaws } from './text-flaws';

/**
 * The gateway's first look at what a client sent, before any guard, validator or service: every
 * body goes through one parser (JSON in UTF-8 only, text and depth checked), and every query
 * string and path parameter through the same text check. Must run before the routes are
 * registered (hooks and parsers apply to the routes registered after them).
 */
export function applyInputEdges(app: NestFastifyApplication): void {
  // Nest bundles its own copy of fastify; at runtime it is one instance, the types differ only by version.
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const defaultParser = fastify.getDefaultJsonParser('error', 'error') as unknown as DefaultJsonParser;
  // Fastify's own text/plain and JSON parsers would answer first for their types; Nest's JSON and
  // form parsers are not registered once a body parser is set, so form bodies no longer pass.
  fastify.removeAllContentTypeParsers();
  app.useBodyParser('*', {}, jsonBodyParser(defaultParser) as never);
  fastify.addHook('preValidation', (request, _reply, done) => {
    const flaws = [...findTextFlaws(request.query), ...findTextFlaws(request.params)];
    done(flaws.length > 0 ? new RequestValidationException(flaws) : undefined);
  });
}
