import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ServiceConfig, isOperationalPath } from '@envrefresh/config';
import type { Params } from 'nestjs-pino';
import { stdTimeFunctions, type DestinationStream, type LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import { correlationMixin } from './correlation-mixin';
import { REDACTED_PATHS, REDACTION_CENSOR } from './redacted-paths';
import { REQUEST_ID_HEADER, resolveRequestId } from './request-id';

type RawRequest = IncomingMessage & { originalUrl?: string };

/** Options for nestjs-pino: JSON lines on stdout (or `destination`), one per event, never a secret. */
export function buildLoggerParams(config: ServiceConfig, destination?: DestinationStream): Params {
  const pinoHttp: Options<RawRequest, ServerResponse> = {
    level: config.logLevel,
    base: { app: config.app },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: correlationMixin,
    redact: { paths: REDACTED_PATHS, censor: REDACTION_CENSOR },
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
