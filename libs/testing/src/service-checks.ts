import * as amqp from 'amqplib';
import { Client } from 'pg';

const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const START_RABBITMQ = 'rabbitmq-server -detached';

/**
 * Throws one line naming the unreachable service and how to start it, instead of letting every
 * spec file fail with its own connection error.
 */
export async function assertServicesReachable(databaseUrl: string, amqpUrl: string): Promise<void> {
  const problems = (await Promise.all([postgresProblem(databaseUrl), rabbitMqProblem(amqpUrl)])).filter(
    (problem): problem is string => problem !== undefined,
  );
  if (problems.length > 0) throw new ServiceUnavailableError(problems.join('\n'));
}

/** An error whose stack is its message: the line already says everything there is to say. */
export class ServiceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceUnavailableError';
    this.stack = message;
  }
}

async function postgresProblem(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `Postgres is not reachable at ${where(url)} (${reason(error)}): start it with \`${START_POSTGRES}\` or set TEST_DATABASE_URL`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function rabbitMqProblem(url: string): Promise<string | undefined> {
  try {
    const connection = await amqp.connect(url, { timeout: 5_000 });
    connection.on('error', () => undefined);
    await connection.close();
    return undefined;
  } catch (error) {
    return `RabbitMQ is not reachable at ${where(url)} (${reason(error)}): start it with \`${START_RABBITMQ}\` or set TEST_AMQP_URL`;
  }
}

function where(url: string): string {
  const { hostname, port } = new URL(url);
  return port ? `${hostname}:${port}` : hostname;
}

function reason(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return code && typeof code === 'string' ? code : (message ?? String(error)).split('\n')[0];
}
