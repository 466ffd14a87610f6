import { spawnSync } from 'node:child_process';
import { assertServicesReachable, ServiceUnavailableError } from './service-checks';
import { startedContainers } from './started-containers';

/**
 * Runs once before the integration project: finds or starts Postgres and RabbitMQ, exports their
 * URLs for the workers (forked after this, so they inherit process.env), checks both answer, and
 * builds, because some specs spawn the built apps as real processes.
 */
export default async function globalSetup(
  _globalConfig: unknown,
  projectConfig: { rootDir: string },
): Promise<void> {
  const started = startedContainers();

  if (!process.env.TEST_DATABASE_URL) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const postgres = await startContainer('TEST_DATABASE_URL', () =>
      new PostgreSqlContainer('postgres:15-alpine').start(),
    );
    started.push(postgres);
    process.env.TEST_DATABASE_URL = postgres.getConnectionUri();
  }
  if (!process.env.TEST_AMQP_URL) {
    const { RabbitMQContainer } = await import('@testcontainers/rabbitmq');
    const rabbitMq = await startContainer('TEST_AMQP_URL', () =>
      new RabbitMQContainer('rabbitmq:3.13-management-alpine').start(),
    );
    started.push(rabbitMq);
    process.env.TEST_AMQP_URL = rabbitMq.getAmqpUrl();
    // Specs that create broker users run rabbitmqctl in the container.
    process.env.TEST_RABBITMQCTL ??= `docker exec -i ${rabbitMq.getId()} rabbitmqctl`;
  }

  await assertServicesReachable(process.env.TEST_DATABASE_URL!, process.env.TEST_AMQP_URL!);
  if (process.env.TEST_SKIP_BUILD !== '1') build(projectConfig.rootDir);
}

async function startContainer<T>(variable: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const cause = String((error as Error).message ?? error).split('\n')[0];
    throw new ServiceUnavailableError(
      `${variable} is not set and no container could be started (${cause}): set TEST_DATABASE_URL and ` +
        'TEST_AMQP_URL to running services (npm test does so when Postgres and RabbitMQ answer on 127.0.0.1) or start a Docker engine',
    );
  }
}

function build(rootDir: string): void {
  const result = spawnSync('npm', ['run', '--silent', 'build'], {
    cwd: rootDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    shell: process.platform === 'win32',
  });
  if (result.status === 0) return;
  process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  const how = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
  throw new ServiceUnavailableError(
    `npm run build failed (${how}): integration specs run the built apps; fix the errors above ` +
      '(TEST_SKIP_BUILD=1 runs the specs against whatever dist/ holds)',
  );
}
