import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';
import { readServiceConfig } from './service-config';

const AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/envrefresh';

/** Reads and validates as `runService` does: the config, or the problems `done()` threw. */
function read(
  app: Parameters<typeof readServiceConfig>[0],
  env: Record<string, string>,
  needsDatabase?: boolean,
) {
  const reader = new EnvReader(env);
  const config = readServiceConfig(app, reader, needsDatabase);
  try {
    reader.done();
    return { config, problems: [] as string[] };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { config, problems: error.problems };
  }
}

describe('readServiceConfig', () => {
  it('gives the gateway its defaults and no database', () => {
    expect(read('gateway', { AMQP_URL })).toEqual({
      config: {
        app: 'gateway',
        nodeEnv: 'development',
        production: false,
        port: 3000,
        logLevel: 'info',
        databaseUrl: undefined,
        amqpUrl: AMQP_URL,
        amqpUsers: {
          gateway: 'envrefresh-gateway',
          intents: 'envrefresh-intents',
          conflicts: 'envrefresh-conflicts',
          scheduling: 'envrefresh-scheduling',
          notifications: 'envrefresh-notifications',
        },
        eventsExchange: 'envrefresh.events',
        amqpNamespace: 'envrefresh',
        trustProxy: false,
      },
      problems: [],
    });
  });

  it.each([
    ['intents', 3001],
    ['conflicts', 3002],
    ['scheduling', 3003],
    ['notifications', 3004],
  ] as const)('gives %s port %i and its DATABASE_URL', (app, port) => {
    const { config, problems } = read(app, { AMQP_URL, DATABASE_URL });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ app, port, databaseUrl: DATABASE_URL });
  });

  it('reports a service without DATABASE_URL, naming it', () => {
    const { problems } = read('intents', { AMQP_URL });
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_URL is missing: set it to a URL using postgres or postgresql/),
    ]);
  });

  it('lets <APP>_DATABASE_URL override DATABASE_URL for that app only', () => {
    const env = { AMQP_URL, DATABASE_URL, INTENTS_DATABASE_URL: 'postgres://intents@db-a:5432/intents' };
    expect(read('intents', env).config.databaseUrl).toBe('postgres://intents@db-a:5432/intents');
    expect(read('conflicts', env).config.databaseUrl).toBe(DATABASE_URL);
  });

  it('accepts <APP>_DATABASE_URL alone', () => {
    const { config, problems } = read('scheduling', {
      AMQP_URL,
      SCHEDULING_DATABASE_URL: 'postgresql://s@db/scheduling',
    });
    expect(problems).toEqual([]);
    expect(config.databaseUrl).toBe('postgresql://s@db/scheduling');
  });

  it('names the override when the override is wrong', () => {
    const { problems } = read('notifications', {
      AMQP_URL,
      DATABASE_URL,
      NOTIFICATIONS_DATABASE_URL: 'http://db',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^NOTIFICATIONS_DATABASE_URL must use postgres or postgresql, not http/),
    ]);
  });

  it('asks the gateway for a database only when told to', () => {
    expect(read('gateway', { AMQP_URL }, true).problems).toEqual([
      expect.stringMatching(/^DATABASE_URL is missing/),
    ]);
  });

  it('reports a missing or non-AMQP AMQP_URL', () => {
    expect(read('gateway', {}).problems).toEqual([
      expect.stringMatching(/^AMQP_URL is missing: set it to a URL using amqp or amqps/),
    ]);
    expect(read('gateway', { AMQP_URL: 'http://x' }).problems).toEqual([
      expect.stringMatching(/^AMQP_URL must use amqp or amqps, not http/),
    ]);
    expect(read('gateway', { AMQP_URL: 'amqps://broker:5671' }).problems).toEqual([]);
  });

  it('lets <APP>_AMQP_URL override AMQP_URL for that app only, naming it in problems', () => {
    const env = { AMQP_URL, DATABASE_URL, INTENTS_AMQP_URL: 'amqp://envrefresh-intents:pw@mq/envrefresh' };
    expect(read('intents', env).config.amqpUrl).toBe('amqp://envrefresh-intents:pw@mq/envrefresh');
    expect(read('conflicts', env).config.amqpUrl).toBe(AMQP_URL);
    expect(read('gateway', { AMQP_URL, GATEWAY_AMQP_URL: 'http://mq' }).problems).toEqual([
      expect.stringMatching(/^GATEWAY_AMQP_URL must use amqp or amqps, not http/),
    ]);
  });

  it('reads AMQP_USERS over the envrefresh-<app> defaults and refuses a shared or malformed one', () => {
    expect(
      read('gateway', { AMQP_URL, AMQP_USERS: 'intents=svc-in, scheduling=svc-sc' }).config.amqpUsers,
    ).toEqual({
      gateway: 'envrefresh-gateway',
      intents: 'svc-in',
      conflicts: 'envrefresh-conflicts',
      scheduling: 'svc-sc',
      notifications: 'envrefresh-notifications',
    });
    expect(read('gateway', { AMQP_URL, AMQP_USERS: 'intents=one,conflicts=one' }).problems).toEqual([
      'AMQP_USERS gives two apps the same user (one)',
    ]);
    for (const wrong of ['billing=x', 'intents', 'intents=a b', 'intents=a=b']) {
      expect(read('gateway', { AMQP_URL, AMQP_USERS: wrong }).problems).toEqual([
        expect.stringMatching(/^AMQP_USERS must be comma-separated <app>=<user>/),
      ]);
    }
  });

  it('derives the events exchange from AMQP_NAMESPACE unless EVENTS_EXCHANGE is set', () => {
    expect(read('gateway', { AMQP_URL, AMQP_NAMESPACE: 't0a1b2c3d' }).config).toMatchObject({
      amqpNamespace: 't0a1b2c3d',
      eventsExchange: 't0a1b2c3d.events',
    });
    expect(
      read('gateway', { AMQP_URL, AMQP_NAMESPACE: 'staging', EVENTS_EXCHANGE: 'shared.events' }).config,
    ).toMatchObject({
      amqpNamespace: 'staging',
      eventsExchange: 'shared.events',
    });
  });

  it('refuses a namespace that cannot prefix queue names', () => {
    expect(read('gateway', { AMQP_URL, AMQP_NAMESPACE: 'my team' }).problems).toEqual([
      expect.stringMatching(/^AMQP_NAMESPACE may hold only/),
    ]);
  });

  it('reads NODE_ENV=production as production, PORT and LOG_LEVEL as given', () => {
    expect(
      read('gateway', { AMQP_URL, NODE_ENV: 'production', PORT: '8080', LOG_LEVEL: 'debug' }).config,
    ).toMatchObject({
      nodeEnv: 'production',
      production: true,
      port: 8080,
      logLevel: 'debug',
    });
  });

  it('reports every problem at once, each naming its variable', () => {
    const { problems } = read('intents', {
      AMQP_URL: 'http://x',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      AMQP_NAMESPACE: 'a/b',
    });
    expect(problems).toHaveLength(5);
    for (const variable of ['DATABASE_URL', 'AMQP_URL', 'PORT', 'LOG_LEVEL', 'AMQP_NAMESPACE']) {
      expect(problems.filter((problem) => problem.startsWith(`${variable} `))).toHaveLength(1);
    }
  });
});
