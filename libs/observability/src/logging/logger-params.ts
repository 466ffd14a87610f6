import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ServiceConfig, isOperationalPath } from '@envrefresh/config';
import type { Params } from 'nestjs-pino';
import { stdTimeFunctions, type DestinationStream, type LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import { correlationMixin } from './correlation-mixin';
import { scrubRecord, scrubSecretFields } from './secret-fields';
import { REQUEST_ID_HEADER, resolveRequestId } from './request-id';

type RawRequest = IncomingMessage & { originalUrl?: string };

/** Options for nestjs-pino: JSON lines on stdout (or `destination`), one per event, never a secret. */
export function buildLoggerParams(config: ServiceConfig, destination?: DestinationStream): Params {
  const pinoHttp: Options<RawRequest, ServerResponse> = {
    level: config.logLevel,
    base: { app: config.app },
    timestamp: stdTimeFunctions.isoTime,
    // Secrets are scrubbed by name rather than by pino's `redact`: its paths need wildcards to
    // reach any depth, and pino 10's redaction clones along every wildcard on every line (40 µs an
    // access line, a tenth of a GET's whole cost in the gateway); the scrub walks and copies only
    // on the way to a secret. The request, response and error are scrubbed as serialized, the
    // rest of a line's fields and a child's bindings as given.
    formatters: { level: (label) => ({ level: label }), log: scrubUnserialized, bindings: scrubUnserialized },
    serializers: { req: scrubSecretFields, res: scrubSecretFields, err: scrubSecretFields },
    mixin: correlationMixin,
    // Under Fastify the request already carries the id FastifyInstrumentation generated.
    genReqId: (req) => resolveRequestId(req.headers[REQUEST_ID_HEADER]),
    customLogLevel: (_req, res, error): LevelWithSilent => {
      if (error || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    // A request Fastify rejects before routing (a malformed body) never enters the correlation
    // context, so its access line takes the id from the request itself.
    customSuccessObject: (req, _res, fields) => ({ ...fields, correlationId: String(req.id) }),
    customErrorObject: (req, _res, _error, fields) => ({ ...fields, correlationId: String(req.id) }),
    autoLogging: { ignore: (req) => isOperationalPath(req.originalUrl ?? req.url) },
  };
  return {
    pinoHttp: destination ? [pinoHttp, destination] : pinoHttp,
    // Nest 11's path syntax; the default '*' makes Nest warn about a legacy route under a global prefix.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  };
}

/** The fields pino-http serializes (the raw request, response and error): scrubbed after that. */
const SERIALIZED_FIELDS = new Set(['req', 'res', 'err']);

function scrubUnserialized(fields: Record<string, unknown>): Record<string, unknown> {
  return scrubRecord(fields, 0, SERIALIZED_FIELDS);
}
