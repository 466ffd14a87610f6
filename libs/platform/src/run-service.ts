import { ConfigError, EnvReader } from '@envrefresh/config';
import { ServiceAppOptions, createServiceApp } from './service-app.factory';

/**
 * The whole of a `main.ts`: read and validate the environment, build the app, listen. A bad
 * environment or an unreachable database ends the process with one line per problem, exit 1.
 */
export async function runService<TConfig extends ServiceAppOptions['config']>(
  name: string,
  readConfig: (env: EnvReader) => TConfig,
  options: (config: TConfig) => Omit<ServiceAppOptions, 'config'>,
): Promise<void> {
  let config: TConfig;
  try {
    const env = new EnvReader();
    config = readConfig(env);
    env.done();
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : [(error as Error).message];
    for (const problem of problems)
      process.stderr.write(`envrefresh-${name}: configuration error: ${problem}\n`);
    process.exit(1);
  }
  try {
    const app = await createServiceApp({ config, ...options(config) });
    await app.listen(config.port, '0.0.0.0');
  } catch (error) {
    process.stderr.write(`envrefresh-${name}: failed to start: ${describeStartupError(error)}\n`);
    process.exit(1);
  }
}

function describeStartupError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'ECONNREFUSED' && /5432/.test(message ?? '')) {
    return `cannot reach PostgreSQL (${message}); check that it runs and that DATABASE_URL names it`;
  }
  if (code === '3D000') return `${message}; create the database or fix DATABASE_URL`;
  if (code === 'EADDRINUSE') return `${message}; another process holds the port, set PORT`;
  return message ?? String(error);
}
