import { CorrelationContext } from '../correlation/correlation-context';
import { recordSecurityEvent, securityLogLine } from './security-log';

function capturingLogger() {
  const calls: { level: 'log' | 'warn'; line: unknown }[] = [];
  return {
    calls,
    logger: {
      log: (line: unknown) => void calls.push({ level: 'log', line }),
      warn: (line: unknown) => void calls.push({ level: 'warn', line }),
    },
  };
}

describe('recordSecurityEvent', () => {
  it('writes refusals and allowed actions alike as warnings flagged security, so LOG_LEVEL=warn keeps both', () => {
    const { calls, logger } = capturingLogger();
    recordSecurityEvent(logger, { action: 'auth.login', outcome: 'refused', reason: 'token expired' });
    recordSecurityEvent(logger, {
      action: 'intent.approve',
      outcome: 'allowed',
      actor: 'alice',
      reason: 'approver of the owner group',
      details: { intentId: 'i-1' },
    });

    expect(calls).toEqual([
      {
        level: 'warn',
        line: {
          msg: 'security event',
          security: true,
          action: 'auth.login',
          outcome: 'refused',
          reason: 'token expired',
        },
      },
      {
        level: 'warn',
        line: {
          msg: 'security event',
          security: true,
          action: 'intent.approve',
          outcome: 'allowed',
          actor: 'alice',
          reason: 'approver of the owner group',
          details: { intentId: 'i-1' },
        },
      },
    ]);
  });

  it('takes the correlation id of the work in hand unless one is given', () => {
    const event = { action: 'a', outcome: 'refused', reason: 'r' } as const;
    CorrelationContext.run({ correlationId: 'corr-1', causationId: null }, () => {
      expect(securityLogLine(event).correlationId).toBe('corr-1');
      expect(securityLogLine({ ...event, correlationId: 'given' }).correlationId).toBe('given');
    });
    expect(securityLogLine(event)).not.toHaveProperty('correlationId');
  });

  it('redacts credential-named details at any depth', () => {
    const line = securityLogLine({
      action: 'auth.login',
      outcome: 'refused',
      reason: 'bad signature',
      details: {
        route: '/api/v1/intents',
        headers: { Authorization: 'Bearer abc', 'x-api-key': 'k', cookie: 'sid=1' },
        nested: { deeper: { accessToken: 't', clientSecret: 's', password: 'p', keep: 'yes' } },
      },
    });
    expect(line.details).toEqual({
      route: '/api/v1/intents',
      headers: { Authorization: '[redacted]', 'x-api-key': '[redacted]', cookie: '[redacted]' },
      nested: {
        deeper: {
          accessToken: '[redacted]',
          clientSecret: '[redacted]',
          password: '[redacted]',
          keep: 'yes',
        },
      },
    });
  });

  it('redacts tokens pasted into any text, whatever the field is called', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
    const line = securityLogLine({
      action: 'auth.login',
      outcome: 'refused',
      actor: `someone ${jwt}`,
      reason: `could not verify ${jwt}`,
      details: { note: `Bearer ${jwt}`, list: [`Basic dXNlcjpwYXNz`, 'plain'] },
    });
    const text = JSON.stringify(line);
    expect(text).not.toContain(jwt);
    expect(text).not.toContain('dXNlcjpwYXNz');
    expect(line.reason).toBe('could not verify [redacted]');
    expect(line.details).toEqual({ note: 'Bearer [redacted]', list: ['Basic [redacted]', 'plain'] });
  });

  it('clips long text and stops descending past a few levels', () => {
    const line = securityLogLine({
      action: 'a',
      outcome: 'refused',
      reason: 'x'.repeat(2000),
      details: { a: { b: { c: { d: { e: { f: 'deep' } } } } } },
    });
    expect(line.reason.length).toBeLessThanOrEqual(501);
    expect(JSON.stringify(line.details)).not.toContain('deep');
  });
});
