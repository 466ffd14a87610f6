import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/**
 * Nest's LoggerService over the app's pino logger, so Nest's own lines and every `new Logger(ctx)`
 * are JSON lines too. Called the way Nest calls it: the context is the last optional parameter, an
 * object message is merged into the line, an Error becomes `err`.
 */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  // Nest's method names, each writing at its pino level.
  readonly verbose = this.writerAt('trace');
  readonly debug = this.writerAt('debug');
  readonly log = this.writerAt('info');
  readonly warn = this.writerAt('warn');
  readonly error = this.writerAt('error');
  readonly fatal = this.writerAt('fatal');

  private writerAt(level: Level): (message: unknown, ...optional: unknown[]) => void {
    return (message, ...optional) => this.write(level, message, optional);
  }

  private write(level: Level, message: unknown, optional: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const params = optional.slice(0, -1);
    if (optional.length > 0) fields.context = optional[optional.length - 1];
    if (message instanceof Error) {
      fields.err = message;
      this.pino[level](fields, ...(params as []));
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level](Object.assign(fields, message), ...(params as []));
    } else if (isStackOfExceptionHandler(level, message, params)) {
      // Nest's exception handlers call error(message, stack, context).
      const error = new Error(message as string);
      error.stack = params[0] as string;
      fields.err = error;
      this.pino[level](fields);
    } else {
      this.pino[level](fields, String(message), ...(params as []));
    }
  }
}

function isStackOfExceptionHandler(level: Level, message: unknown, params: unknown[]): boolean {
  return (
    level === 'error' &&
    typeof message === 'string' &&
    params.length === 1 &&
    typeof params[0] === 'string' &&
    /\n\s*at /.test(params[0])
  );
}
