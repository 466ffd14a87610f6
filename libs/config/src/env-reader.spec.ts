import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';

const problemsOf = (reader: EnvReader): string[] => {
  try {
    reader.done();
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

describe('EnvReader', () => {
  describe('string', () => {
    it('returns the value, trimmed', () => {
      const reader = new EnvReader({ NAME: '  envrefresh  ' });
      expect(reader.string('NAME')).toBe('envrefresh');
      expect(problemsOf(reader)).toEqual([]);
    });

    it('treats a blank value as missing and falls back', () => {
      const reader = new EnvReader({ NAME: '   ' });
      expect(reader.string('NAME', 'default')).toBe('default');
      expect(problemsOf(reader)).toEqual([]);
    });

    it('reports a missing variable that has no fallback', () => {
      const reader = new EnvReader({});
      reader.string('NAME');
      expect(problemsOf(reader)).toEqual(['NAME is missing']);
    });

    it('leaves an optional string undefined when unset or blank', () => {
      const reader = new EnvReader({ BLANK: '' });
      expect(reader.optionalString('UNSET')).toBeUndefined();
      expect(reader.optionalString('BLANK')).toBeUndefined();
      expect(problemsOf(reader)).toEqual([]);
    });
  });

  describe('url', () => {
    const postgres = ['postgres', 'postgresql'];

    it('accepts a URL of an allowed protocol', () => {
      const reader = new EnvReader({ DATABASE_URL: 'postgresql://app@db:5432/envrefresh' });
      expect(reader.url('DATABASE_URL', postgres)).toBe('postgresql://app@db:5432/envrefresh');
      expect(problemsOf(reader)).toEqual([]);
    });

    it('reports a missing URL with the protocols and an example', () => {
      const reader = new EnvReader({});
      reader.url('DATABASE_URL', postgres, { example: 'postgres://postgres@127.0.0.1:5432/envrefresh' });
      expect(problemsOf(reader)).toEqual([
        'DATABASE_URL is missing: set it to a URL using postgres or postgresql (e.g. postgres://postgres@127.0.0.1:5432/envrefresh)',
      ]);
    });

    it('reports a malformed URL', () => {
      const reader = new EnvReader({ AMQP_URL: 'localhost:5672' });
      reader.url('AMQP_URL', ['amqp', 'amqps']);
      const [problem, ...others] = problemsOf(reader);
      expect(others).toEqual([]);
      expect(problem).toMatch(/^AMQP_URL /);
      expect(problem).toMatch(/amqp or amqps/);
    });

    it('reports a URL that is no URL at all', () => {
      const reader = new EnvReader({ AMQP_URL: 'not a url' });
      reader.url('AMQP_URL', ['amqp', 'amqps']);
      expect(problemsOf(reader)).toEqual(['AMQP_URL is not a valid URL: expected amqp or amqps']);
    });

    it('reports a URL of the wrong protocol, naming the one it got', () => {
      const reader = new EnvReader({ AMQP_URL: 'http://x' });
      reader.url('AMQP_URL', ['amqp', 'amqps']);
      expect(problemsOf(reader)).toEqual(['AMQP_URL must use amqp or amqps, not http']);
    });

    it('prefers the first variable of `from` that is set, and names it in problems', () => {
      const env = { INTENTS_DATABASE_URL: 'mysql://db/intents', DATABASE_URL: 'postgres://db/shared' };
      const reader = new EnvReader(env);
      expect(reader.url('DATABASE_URL', postgres, { from: ['INTENTS_DATABASE_URL'] })).toBe(
        'mysql://db/intents',
      );
      expect(problemsOf(reader)).toEqual(['INTENTS_DATABASE_URL must use postgres or postgresql, not mysql']);
    });

    it('falls back to the variable itself when `from` is unset or blank', () => {
      const reader = new EnvReader({ INTENTS_DATABASE_URL: ' ', DATABASE_URL: 'postgres://db/shared' });
      expect(reader.url('DATABASE_URL', postgres, { from: ['INTENTS_DATABASE_URL'] })).toBe(
        'postgres://db/shared',
      );
      expect(problemsOf(reader)).toEqual([]);
    });

    it('uses the fallback when nothing is set', () => {
      const reader = new EnvReader({});
      expect(reader.url('SMTP_URL', ['smtp', 'smtps'], { fallback: 'smtp://127.0.0.1:25' })).toBe(
        'smtp://127.0.0.1:25',
      );
      expect(problemsOf(reader)).toEqual([]);
    });
  });

  describe('int', () => {
    it('parses a whole number within bounds', () => {
      const reader = new EnvReader({ PORT: '8080' });
      expect(reader.int('PORT', 3000, { min: 0, max: 65535 })).toBe(8080);
      expect(problemsOf(reader)).toEqual([]);
    });

    it('uses the fallback when unset', () => {
      expect(new EnvReader({}).int('PORT', 3000)).toBe(3000);
    });

    it.each(['eighty', '80.5', '1e3', '70000', '-1'])('reports %s and keeps the fallback', (value) => {
      const reader = new EnvReader({ PORT: value });
      expect(reader.int('PORT', 3000, { min: 0, max: 65535 })).toBe(3000);
      expect(problemsOf(reader)).toEqual([`PORT must be a whole number between 0 and 65535, got "${value}"`]);
    });
  });

  describe('oneOf and bool', () => {
    it('accepts an allowed value and reports any other', () => {
      const reader = new EnvReader({ LOG_LEVEL: 'debug', MODE: 'loud' });
      expect(reader.oneOf('LOG_LEVEL', ['info', 'debug'], 'info')).toBe('debug');
      expect(reader.oneOf('MODE', ['quiet'], 'quiet')).toBe('quiet');
      expect(problemsOf(reader)).toEqual(['MODE must be one of quiet, got "loud"']);
    });

    it.each([
      ['true', true],
      ['1', true],
      ['false', false],
      ['0', false],
    ])('reads %s as %s', (value, expected) => {
      expect(new EnvReader({ FLAG: value }).bool('FLAG', !expected)).toBe(expected);
    });

    it('reports a flag that is not a boolean', () => {
      const reader = new EnvReader({ FLAG: 'yes' });
      expect(reader.bool('FLAG', false)).toBe(false);
      expect(problemsOf(reader)).toEqual(['FLAG must be true or false, got "yes"']);
    });
  });

  it('reports every problem at once, in the order found, including custom ones', () => {
    const reader = new EnvReader({ PORT: 'x', AMQP_URL: 'http://x' });
    reader.string('NAME');
    reader.int('PORT', 1);
    reader.url('AMQP_URL', ['amqp']);
    reader.fail('JWT_SECRET and JWT_PUBLIC_KEY are both set');

    const error = (() => {
      try {
        reader.done();
      } catch (thrown) {
        return thrown as ConfigError;
      }
      throw new Error('done() did not throw');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual([
      'NAME is missing',
      expect.stringMatching(/^PORT /),
      'AMQP_URL must use amqp, not http',
      'JWT_SECRET and JWT_PUBLIC_KEY are both set',
    ]);
    expect(error.message).toBe(error.problems.join('\n'));
  });

  it('reads process.env by default', () => {
    process.env.ENVREFRESH_READER_CHECK = 'from-process';
    try {
      expect(new EnvReader().string('ENVREFRESH_READER_CHECK')).toBe('from-process');
    } finally {
      delete process.env.ENVREFRESH_READER_CHECK;
    }
  });
});
