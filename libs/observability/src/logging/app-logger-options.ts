import type { ServiceConfig } from '@envrefresh/config';
import {
  pino,
  stdSerializers,
  stdTimeFunctions,
  type DestinationStream,
  type Logger,
  type LoggerOptions,
} from 'pino';
import { correlationMixin } from './correlation-mixin';
import { scrubRecord, scrubSecretFields } from './secret-fields';

/** JSON lines on stdout (or `destination`), one per event, never a secret: the app's one logger. */
export function createAppLogger(config: ServiceConfig, destination?: DestinationStream): Logger {
  const options = appLoggerOptions(config);
  return destination ? pino(options, destination) : pino(options);
}

function appLoggerOptions(config: ServiceConfig): LoggerOptions {
  return {
    level: config.logLevel,
    base: { app: config.app },
    timestamp: stdTimeFunctions.isoTime,
    // Secrets are scrubbed by name rather than by pino's `redact`: its paths need wildcards to
    // reach any depth, and pino 10's redaction clones along every wildcard on every line (40 µs an
    // access line, a tenth of a GET's whole cost in the gateway); the scrub walks and copies only
    // on the way to a secret. An error is scrubbed once serialized, the rest of a line's fields
    // and a child's bindings as given.
    formatters: { level: (label) => ({ level: label }), log: scrubUnserialized, bindings: scrubUnserialized },
    serializers: { err: (error: Error) => scrubSecretFields(stdSerializers.err(error)) },
    mixin: correlationMixin,
  };
}

/** The fields a serializer writes (and scrubs) itself. */
const SERIALIZED_FIELDS = new Set(['err']);

function scrubUnserialized(fields: Record<string, unknown>): Record<string, unknown> {
  return scrubRecord(fields, 0, SERIALIZED_FIELDS);
}
