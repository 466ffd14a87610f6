import { randomBytes } from 'node:crypto';
import {
  TEST_DATABASE_PREFIX,
  TestDatabase,
  createTestDatabase,
  createTestNamespace,
  deleteAmqpNamespace,
  testAmqpUrl,
  testServiceEnv,
} from '@envrefresh/testing';
import { namespaceNames } from '@envrefresh/testing';
import { runNodeToExit } from './support/node-process';

const INTENTS_MAIN = 'dist/apps/intents/src/main.js';
const INTENTS_MIGRATE = 'dist/apps/intents/src/migrate.js';
const GATEWAY_MAIN = 'dist/apps/gateway/src/main.js';

/** "A few seconds": what an operator waits before concluding an app hangs instead of failing. */
// Generous for a loaded CI machine; a hang would take the whole spec timeout.
const FAILS_WITHIN_MS = 15_000;

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

describe('starting with a bad environment', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  let database: TestDatabase;

  const serviceEnv = (databaseUrl?: string) => testServiceEnv({ databaseUrl, amqpUrl, namespace });
  const missingDatabaseUrl = () => {
    const url = new URL(database.url);
    url.pathname = `/${TEST_DATABASE_PREFIX}missing_${randomBytes(4).toString('hex')}`;
    return url.toString();
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  });

  it('stops a service without DATABASE_URL at once, with one line naming it and exit code 1', async () => {
    const run = await runNodeToExit(INTENTS_MAIN, serviceEnv());

    expect(run.code).toBe(1);
    expect(run.elapsedMs).toBeLessThan(FAILS_WITHIN_MS);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/^envrefresh-intents: configuration error: DATABASE_URL is missing/),
    ]);
  });

  it('stops an app whose tracing variables are wrong, naming each', async () => {
    const run = await runNodeToExit(GATEWAY_MAIN, {
      ...serviceEnv(),
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'thrift',
    });

    expect(run.code).toBe(1);
    expect(run.elapsedMs).toBeLessThan(FAILS_WITHIN_MS);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /^envrefresh-gateway: configuration error: OTEL_EXPORTER_OTLP_ENDPOINT must use http or https/,
      ),
      'envrefresh-gateway: configuration error: OTEL_EXPORTER_OTLP_PROTOCOL must be one of http/protobuf, http/json, grpc, got "thrift"',
    ]);
  });

  it('stops a service whose AMQP_URL is not an amqp URL, naming AMQP_URL', async () => {
    const run = await runNodeToExit(INTENTS_MAIN, { ...serviceEnv(database.url), AMQP_URL: 'http://x' });

    expect(run.code).toBe(1);
    expect(run.elapsedMs).toBeLessThan(FAILS_WITHIN_MS);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /^envrefresh-intents: configuration error: AMQP_URL must use amqp or amqps, not http/,
      ),
    ]);
  });

  it('reports every configuration problem at once, one line each', async () => {
    const run = await runNodeToExit(INTENTS_MAIN, {
      ...serviceEnv(),
      AMQP_URL: 'http://x',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
    });

    expect(run.code).toBe(1);
    const reported = lines(run.stderr);
    expect(reported).toHaveLength(4);
    for (const variable of ['DATABASE_URL', 'AMQP_URL', 'PORT', 'LOG_LEVEL']) {
      expect(reported.filter((line) => line.includes(variable))).toHaveLength(1);
    }
  });

  // Issue 9: production also needs the user-assertion key (ADR 0017), named on its own line.
  it('refuses to start the gateway in production without JWT_SECRET or the assertion key, naming them', async () => {
    const { JWT_SECRET: _secret, ...env } = serviceEnv();
    const run = await runNodeToExit(GATEWAY_MAIN, { ...env, NODE_ENV: 'production' });

    expect(run.code).toBe(1);
    expect(run.elapsedMs).toBeLessThan(FAILS_WITHIN_MS);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(
        /^envrefresh-gateway: configuration error: JWT_SECRET .*required when NODE_ENV=production/,
      ),
      'envrefresh-gateway: configuration error: SERVICE_ASSERTION_PRIVATE_KEY is required when NODE_ENV=production',
    ]);
  });

  it('refuses to start a service in production without the gateway’s public assertion key', async () => {
    const run = await runNodeToExit(INTENTS_MAIN, { ...serviceEnv(), NODE_ENV: 'production' });

    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toContain(
      'envrefresh-intents: configuration error: SERVICE_ASSERTION_PUBLIC_KEY is required when NODE_ENV=production',
    );
  });

  it('stops a service whose database does not exist, saying so, with exit code 1', async () => {
    const run = await runNodeToExit(INTENTS_MAIN, serviceEnv(missingDatabaseUrl()));

    expect(run.code).toBe(1);
    expect(run.elapsedMs).toBeLessThan(FAILS_WITHIN_MS);
    expect(lines(run.stderr).at(-1)).toMatch(
      /^envrefresh-intents: failed to start: database ".*" does not exist; create the database or fix DATABASE_URL$/,
    );
  });

  describe('the migrate CLI', () => {
    it.each([
      [
        'a malformed DATABASE_URL',
        () => 'not a url',
        /^envrefresh-intents migrate: DATABASE_URL is not a valid URL/,
      ],
      [
        'a DATABASE_URL of another protocol',
        () => 'mysql://root@127.0.0.1/envrefresh',
        /^envrefresh-intents migrate: DATABASE_URL must use postgres or postgresql, not mysql/,
      ],
      [
        'a server that refuses connections',
        () => 'postgres://postgres@127.0.0.1:1/envrefresh',
        /^envrefresh-intents migrate: .*ECONNREFUSED 127\.0\.0\.1:1/,
      ],
      [
        'a database that does not exist',
        missingDatabaseUrl,
        /^envrefresh-intents migrate: database ".*" does not exist/,
      ],
    ])('fails with exit code 1 and one line on %s', async (_case, databaseUrl, message) => {
      const run = await runNodeToExit(INTENTS_MIGRATE, serviceEnv(databaseUrl()));

      expect(run.code).toBe(1);
      expect(run.elapsedMs).toBeLessThan(FAILS_WITHIN_MS);
      expect(lines(run.stderr)).toEqual([expect.stringMatching(message)]);
    });

    it('migrates a fresh database, then finds nothing pending', async () => {
      const first = await runNodeToExit(INTENTS_MIGRATE, serviceEnv(database.url));
      expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(first.stdout)).toMatchObject({
        app: 'intents',
        msg: expect.stringMatching(/^migrated schema intents: Create/),
      });

      const second = await runNodeToExit(INTENTS_MIGRATE, serviceEnv(database.url));
      expect(second.code).toBe(0);
      expect(JSON.parse(second.stdout)).toMatchObject({ msg: 'migrated schema intents: nothing pending' });
    });
  });
});
