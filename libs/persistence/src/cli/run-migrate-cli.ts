import { AppName, ConfigError, EnvReader, readServiceConfig } from '@envrefresh/config';
import { ServiceDataSourceOptions } from '../data-source.factory';
import { runMigrations } from '../migrations/run-migrations';

type MigrationSet = Omit<ServiceDataSourceOptions, 'url' | 'applicationName'>;

/** The body of each app's `migrate.ts`: what `npm run migrate` and the Kubernetes Job run. */
export async function runMigrateCli(app: AppName, migrationSet: MigrationSet): Promise<void> {
  try {
    const reader = new EnvReader();
    const config = readServiceConfig(app, reader);
    reader.done();
    const report = await runMigrations({
      ...migrationSet,
      url: config.databaseUrl as string,
      applicationName: `envrefresh-${app}`,
    });
    const applied = report.applied.length ? report.applied.join(', ') : 'nothing pending';
    process.stdout.write(`${JSON.stringify({ level: 'info', app, msg: `migrated schema ${report.schema}: ${applied}` })}\n`);
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : [(error as Error).message];
    for (const problem of problems) process.stderr.write(`envrefresh-${app} migrate: ${problem}\n`);
    process.exitCode = 1;
  }
}
