import { createHash } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, onSendHookHandler } from 'fastify';
import { getOrCreateCounter } from '@envrefresh/observability';

/**
 * The Fastify route config key `@Endpoint({ conditional: true })` sets (through Nest's
 * `@RouteConfig`), read by the onSend hook below: only the GETs people and pages poll answer
 * ETag and 304, not every route.
 */
export const CONDITIONAL_GET = 'conditionalGet';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `@Endpoint({ conditional: true })`: answer ETag and 304 (CONDITIONAL_GET). */
    conditionalGet?: boolean;
  }
}

/**
 * Browsers keep the answer but ask again each time (no-cache means "revalidate", not "do not
 * store"); `private` and `Vary: Authorization` keep a shared cache from handing one user's
 * view, which depends on who asks, to another.
 */
export const CONDITIONAL_CACHE_CONTROL = 'private, no-cache';
export const CONDITIONAL_VARY = 'Authorization';

const conditionalAnswers = getOrCreateCounter({
  name: 'http_conditional_get_answers_total',
  help: 'Answers of the GETs that carry an ETag, by route and outcome: full (200 with a body) or not_modified (304)',
  labelNames: ['route', 'outcome'] as const,
});

/** A strong ETag of the body: the exact bytes sent, so equal tags mean byte-identical answers. */
export function etagOf(body: string | Buffer): string {
  const hash = createHash('sha256');
  if (typeof body === 'string') hash.update(body, 'utf8');
  else hash.update(body);
  return `"${hash.digest('base64url')}"`;
}

/**
 * RFC 9110 §13.1.2 and §8.8.3.2: does If-None-Match name this ETag or say `*`? The comparison
 * is weak (`W/"x"` matches `"x"`), the header a comma-separated list of entity tags. An entity
 * tag may itself hold a comma, so the list is read tag by tag rather than split on commas; a
 * malformed header matches nothing (the full answer is always safe).
 */
export function matchesIfNoneMatch(header: string | readonly string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = typeof header === 'string' ? header : header.join(',');
  if (value.trim() === '*') return true;
  const wanted = opaqueTagOf(etag);
  if (wanted === null) return false;
  for (const tag of entityTagsOf(value)) if (tag === wanted) return true;
  return false;
}

/** The opaque part of one entity tag (`"x"` of `W/"x"`), or null when it is not one. */
function opaqueTagOf(etag: string): string | null {
  const tags = [...entityTagsOf(etag)];
  return tags.length === 1 ? tags[0] : null;
}

/** The opaque tags (quotes kept, `W/` dropped) of a comma-separated list; stops at the first malformed element. */
function* entityTagsOf(list: string): Generator<string> {
  let at = 0;
  const skip = (characters: string) => {
    while (at < list.length && characters.includes(list[at])) at++;
  };
  for (;;) {
    skip(' \t,');
    if (at >= list.length) return;
    if (list.startsWith('W/', at)) at += 2;
    if (list[at] !== '"') return;
    const close = list.indexOf('"', at + 1);
    if (close < 0) return;
    yield list.slice(at, close + 1);
    at = close + 1;
    skip(' \t');
    if (at < list.length && list[at] !== ',') return;
  }
}

/**
 * ETag and 304 on the routes marked conditional: for a 200 answer to GET, the ETag of the
 * serialized body; when If-None-Match names it, 304 with no body and the ETag repeated. A hook
 * on the serialized payload rather than an interceptor on the handler's value, so the tag is of
 * the bytes the client receives and nothing is serialized twice. A 2xx write changes what a
 * later GET serializes, so its ETag changes too: "read your writes" holds unchanged. Must run
 * before the routes are registered (hooks apply to routes registered after them).
 */
export function applyConditionalGets(app: NestFastifyApplication): void {
  // Nest bundles its own copy of fastify; at runtime it is one instance, the types differ only by version.
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.addHook('onSend', answerConditionally);
}

const answerConditionally: onSendHookHandler = (request, reply, payload, done) => {
  if (
    request.routeOptions.config?.[CONDITIONAL_GET] !== true ||
    (request.method !== 'GET' && request.method !== 'HEAD') ||
    reply.statusCode !== 200 ||
    (typeof payload !== 'string' && !Buffer.isBuffer(payload))
  ) {
    return done(null, payload);
  }
  const etag = etagOf(payload);
  void reply.header('etag', etag);
  void reply.header('cache-control', CONDITIONAL_CACHE_CONTROL);
  void reply.header('vary', withVary(reply.getHeader('vary'), CONDITIONAL_VARY));
  const route = request.routeOptions.url ?? 'unknown';
  if (!matchesIfNoneMatch(request.headers['if-none-match'], etag)) {
    conditionalAnswers.inc({ route, outcome: 'full' });
    return done(null, payload);
  }
  conditionalAnswers.inc({ route, outcome: 'not_modified' });
  void reply.code(304);
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  done(null, null);
};

/** Vary with the field added, keeping what another part already named. */
function withVary(current: unknown, field: string): string {
  const fields = String(current ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return fields.some((name) => name.toLowerCase() === field.toLowerCase() || name === '*')
    ? fields.join(', ')
    : [...fields, field].join(', ');
}
