import rateLimit from '@fastify/rate-limit';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isOperationalPath } from '@envrefresh/observability';
import { RequestAuthenticator } from '../auth/request-authenticator';
import { calendarFeedLimitKey } from '../calendar/calendar-feed.limit-key';
import { GatewayConfig } from '../gateway.config';

/** Thrown by the rate limiter; the problem filter turns it into a 429 (Retry-After is already set). */
export class RateLimitExceededError extends Error {
  readonly statusCode = 429;

  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; retry in ${retryAfterSeconds} s`);
    this.name = 'RateLimitExceededError';
  }
}

/**
 * Caps every route's body at BODY_LIMIT_BYTES (413 beyond) and limits each caller to
 * RATE_LIMIT_PER_MINUTE requests (429 with Retry-After). The caller is the verified JWT `sub`, so
 * one user cannot exhaust another's budget by forging claims; without a valid token it is the
 * client IP; a calendar feed, which carries no JWT, is its token's hash (calendar apps of many
 * users fetch from a few shared addresses). Probes and /metrics are never limited: an orchestrator must always see the truth.
 * Must run before the routes are registered, since both act through the onRoute hook.
 */
export async function applyRequestLimits(app: NestFastifyApplication, config: GatewayConfig): Promise<void> {
  // Nest bundles its own copy of fastify; at runtime it is one instance, the types differ only by version.
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.addHook('onRoute', (route) => {
    route.bodyLimit ??= config.bodyLimitBytes;
  });
  const authenticator = app.get(RequestAuthenticator);
  await fastify.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    allowList: (request: FastifyRequest) => isOperationalPath(request.url),
    keyGenerator: async (request: FastifyRequest) => {
      const feedKey = calendarFeedLimitKey(request);
      if (feedKey) return feedKey;
      const outcome = await authenticator.authenticate(request);
      return 'actor' in outcome ? `sub:${outcome.actor.sub}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => new RateLimitExceededError(Math.ceil(context.ttl / 1000)),
  });
}
