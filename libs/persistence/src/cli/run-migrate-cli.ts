import { AppName, ConfigError, EnvReader } from '@envrefresh/config';
import { ServiceDataSourceOptions } from '../data-source.factory';
import { runMigrations } from '../migrations/run-migrations';

type MigrationSet = Omit<ServiceDataSourceOptions, 'url' | 'applicationName'>;

/** The body of each app's `migrate.ts`: what `npm run migrate` and the Kubernetes Job run. */
export async function runMigrateCli(app: AppName, migrationSet: MigrationSet): Promise<void> {
  try {
    const reader = new EnvReader();
    // Migrations need the database alone: a Job should not have to know the broker.
    const url = reader.url('DATABASE_URL', ['postgres', 'postgresql'], {
      from: [`${app.toUpperCase()}_DATABASE_URL`],
      example: 'postgres://postgres@127.0.0.1:5432/envrefresh',
    });
    reader.done();
    const report = await runMigrations({
      ...migrationSet,
      url,
      applicationName: `envrefresh-${app}`,
    });
    const applied = report.applied.length ? report.applied.join(', ') : 'nothing pending';
    process.stdout.write(
      `${JSON.stringify({ level: 'info', app, msg: `migrated schema ${report.schema}: ${applied}` })}\n`,
    );
  } catch (error) {
    const problems = error instanceof ConfigError ? error.problems : [(error as Error).message];
    for (const problem of problems) process.stderr.write(`envrefresh-${app} migrate: ${problem}\n`);
    process.exitCode = 1;
  }
}
