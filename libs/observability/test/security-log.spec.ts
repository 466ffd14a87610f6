import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CorrelationContext, recordSecurityEvent } from '../src';
import type { LogCapture } from './support/log-capture';
import { startObservedApp } from './support/observed-app';

describe('security log through the app logger', () => {
  let app: NestFastifyApplication;
  let logs: LogCapture;

  beforeAll(async () => {
    ({ app, logs } = await startObservedApp());
  });

  afterAll(() => app.close());

  it('is one JSON line with security: true, the app, a level, the correlation id and no credential', () => {
    const logger = new Logger('Security');
    CorrelationContext.run({ correlationId: 'sec-1', causationId: null }, () =>
      recordSecurityEvent(logger, {
        action: 'auth.login',
        outcome: 'refused',
        reason: 'invalid signature',
        details: { authorization: 'Bearer eyJhbGciOi.eyJzdWIi.c2ln', token: 'raw-token-value' },
      }),
    );

    const lines = logs.lines().filter((line) => line.security === true);
    expect(lines).toEqual([
      expect.objectContaining({
        app: 'intents',
        level: 'warn',
        context: 'Security',
        msg: 'security event',
        security: true,
        action: 'auth.login',
        outcome: 'refused',
        reason: 'invalid signature',
        correlationId: 'sec-1',
        details: { authorization: '[redacted]', token: '[redacted]' },
      }),
    ]);
    expect(logs.text()).not.toContain('raw-token-value');
    expect(logs.text()).not.toContain('eyJhbGciOi');
  });
});
