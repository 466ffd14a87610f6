import { pino } from 'pino';
import { AppLogger } from './app-logger';

function loggerWritingTo(lines: Record<string, unknown>[], level = 'info') {
  const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
  return new AppLogger(pino({ level }, destination));
}

describe('AppLogger', () => {
  it("takes Nest's last optional parameter as the context and the others as format arguments", () => {
    const lines: Record<string, unknown>[] = [];
    loggerWritingTo(lines).log('listening on %d', 8080, 'Bootstrap');
    expect(lines[0]).toMatchObject({ msg: 'listening on 8080', context: 'Bootstrap', level: 30 });
  });

  it('merges an object message into the line and writes an Error as err', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = loggerWritingTo(lines);
    logger.warn({ msg: 'slow', ms: 900 }, 'Relay');
    logger.error(new Error('boom'), 'Consumer');
    expect(lines[0]).toMatchObject({ msg: 'slow', ms: 900, context: 'Relay' });
    expect(lines[1]).toMatchObject({ context: 'Consumer', err: { message: 'boom' } });
  });

  it("reads Nest's exception handlers' (message, stack, context) as one error with that stack", () => {
    const lines: Record<string, unknown>[] = [];
    const stack = 'Error: failed\n    at handler (app.js:1:1)';
    loggerWritingTo(lines).error('failed', stack, 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ context: 'ExceptionsHandler', err: { message: 'failed', stack } });
  });

  it('writes nothing below its level, verbose included', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = loggerWritingTo(lines, 'warn');
    logger.verbose('chatty');
    logger.debug('chatty');
    logger.log('chatty');
    expect(lines).toEqual([]);
  });
});
