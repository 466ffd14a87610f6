import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { CorrelationContext } from '../correlation/correlation-context';
import { writeAccessLine } from '../logging/access-line';
import { AppLogger } from '../logging/app-logger';
import { REQUEST_ID_HEADER, resolveRequestId } from '../logging/request-id';
import { HttpMetrics } from '../metrics/http-metrics';

/**
 * Request ids, correlation, the access line and HTTP metrics are Fastify hooks rather than Nest
 * middleware: Fastify names the request, a middleware's async context is lost while Fastify reads
 * a request body, only Fastify knows the matched route template, and a middleware layer
 * (`@fastify/middie`) in front of every route is a cost of its own.
 */
@Injectable()
export class FastifyInstrumentation implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: HttpMetrics,
    private readonly logger: AppLogger,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    // An application context (a CLI, a worker) has no HTTP server to instrument.
    if (!adapter) return;
    if (adapter.getType() !== 'fastify') {
      throw new Error(`ObservabilityModule needs the Fastify adapter, not ${adapter.getType()}`);
    }
    const fastify = adapter.getInstance<FastifyInstance>();
    fastify.setGenReqId((raw) => resolveRequestId(raw.headers[REQUEST_ID_HEADER]));
    // preHandler runs after the body is parsed and calls the route handler from `done`, so the
    // handler and everything it awaits see the request's correlation.
    fastify.addHook('preHandler', runInRequestCorrelation);
    // onSend also covers 404s and errors raised before routing, such as a malformed body.
    fastify.addHook('onSend', (request, reply, payload, done) => {
      reply.header(REQUEST_ID_HEADER, request.id);
      done(null, payload);
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      this.metrics.record(
        request.method,
        request.routeOptions.url,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      writeAccessLine(this.logger.pino, request, reply);
      done();
    });
  }
}

function runInRequestCorrelation(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  CorrelationContext.run({ correlationId: request.id, causationId: null }, done);
}
