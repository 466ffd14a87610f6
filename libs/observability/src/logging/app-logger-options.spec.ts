import type { ServiceConfig } from '@envrefresh/config';
import { CorrelationContext } from '../correlation/correlation-context';
import { createAppLogger } from './app-logger-options';

const config = { app: 'scheduling', logLevel: 'debug' } as ServiceConfig;

function loggerWritingTo(lines: Record<string, unknown>[]) {
  const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
  return createAppLogger(config, destination);
}

describe('createAppLogger', () => {
  it('writes the app, a readable level and an ISO time, at the configured level', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = loggerWritingTo(lines);
    logger.debug('starting');
    logger.trace('too chatty');

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ app: 'scheduling', level: 'debug', msg: 'starting' });
    expect(new Date(lines[0].time as string).toISOString()).toBe(lines[0].time);
  });

  it('adds correlationId, and causationId only when there is one', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = loggerWritingTo(lines);
    CorrelationContext.run({ correlationId: 'c-1', causationId: null }, () => logger.info('from a request'));
    CorrelationContext.run({ correlationId: 'c-2', causationId: 'e-2' }, () => logger.info('from an event'));

    expect(lines[0]).toMatchObject({ correlationId: 'c-1' });
    expect(lines[0]).not.toHaveProperty('causationId');
    expect(lines[1]).toMatchObject({ correlationId: 'c-2', causationId: 'e-2' });
  });

  it.each([
    ['at the top', ['password']],
    ['one level down', ['user', 'secret']],
    ['two levels down', ['body', 'auth', 'token']],
    ['three levels down', ['a', 'b', 'c', 'apiKey']],
  ])('censors secret fields %s', (_depth, path) => {
    const fields = path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), 'p');
    const lines: Record<string, unknown>[] = [];
    loggerWritingTo(lines).info(fields, 'with a secret');
    expect(lines[0]).toHaveProperty(path, '[redacted]');
  });

  it('censors secret fields of an error it serializes, keeping its message and stack', () => {
    const lines: Record<string, unknown>[] = [];
    const error = Object.assign(new Error('refused'), { apiKey: 'k-1', status: 401 });
    loggerWritingTo(lines).error({ err: error }, 'failed');
    expect(lines[0]).toMatchObject({
      err: { type: 'Error', message: 'refused', apiKey: '[redacted]', status: 401 },
    });
    expect(typeof (lines[0].err as { stack?: unknown }).stack).toBe('string');
  });

  it('censors credentials in request headers', () => {
    const lines: Record<string, unknown>[] = [];
    loggerWritingTo(lines).info({
      req: {
        headers: { authorization: 'Bearer t', cookie: 'sid=1', 'x-api-key': 'k', accept: 'application/json' },
      },
    });
    expect(lines[0]).toMatchObject({
      req: {
        headers: {
          authorization: '[redacted]',
          cookie: '[redacted]',
          'x-api-key': '[redacted]',
          accept: 'application/json',
        },
      },
    });
  });
});
