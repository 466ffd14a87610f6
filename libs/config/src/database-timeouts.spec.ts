import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';
import { readDatabaseTimeouts } from './database-timeouts';

describe('readDatabaseTimeouts', () => {
  it('defaults every limit', () => {
    const reader = new EnvReader({});
    expect(readDatabaseTimeouts('conflicts', reader)).toEqual({
      statementTimeoutMs: 30_000,
      lockTimeoutMs: 10_000,
      idleInTransactionTimeoutMs: 60_000,
    });
    reader.done();
  });

  it('lets one service override the shared value, and 0 switch a limit off', () => {
    const env = {
      DATABASE_STATEMENT_TIMEOUT: 'PT5S',
      CONFLICTS_DATABASE_STATEMENT_TIMEOUT: 'PT2S',
      DATABASE_LOCK_TIMEOUT: 'PT0S',
    };
    expect(readDatabaseTimeouts('conflicts', new EnvReader(env))).toMatchObject({
      statementTimeoutMs: 2_000,
      lockTimeoutMs: 0,
    });
    expect(readDatabaseTimeouts('intents', new EnvReader(env)).statementTimeoutMs).toBe(5_000);
  });

  it('names the variable that is wrong', () => {
    const reader = new EnvReader({ INTENTS_DATABASE_LOCK_TIMEOUT: '10s' });
    readDatabaseTimeouts('intents', reader);
    expect(() => reader.done()).toThrow(ConfigError);
    try {
      reader.done();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^INTENTS_DATABASE_LOCK_TIMEOUT must be an ISO-8601 duration/),
      ]);
    }
  });
});
