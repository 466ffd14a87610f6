import { ConfigError, EnvReader } from '@envrefresh/config';
import { DomainError } from '@envrefresh/kernel';
import { createServiceDataSource } from '@envrefresh/persistence';
import { ErasePersonUseCase } from './refresh-intents/application/erase-person.use-case';
import { SqlPeopleDirectory } from './refresh-intents/infrastructure/sql-people-directory';

/**
 * `npm run erase-person -- --sub <sub>`: the operator's command for an erasure request. Needs
 * the intents database only (DATABASE_URL or INTENTS_DATABASE_URL); prints one JSON line.
 */
async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--sub');
  const sub = at >= 0 ? argv[at + 1] : undefined;
  const reader = new EnvReader();
  const url = reader.url('DATABASE_URL', ['postgres', 'postgresql'], {
    from: ['INTENTS_DATABASE_URL'],
    example: 'postgres://postgres@127.0.0.1:5432/envrefresh',
  });
  reader.done();
  const dataSource = createServiceDataSource({
    url,
    schema: 'intents',
    applicationName: 'envrefresh-intents-erase-person',
    poolSize: 1,
  });
  await dataSource.initialize();
  try {
    const erasure = await new ErasePersonUseCase(new SqlPeopleDirectory()).run(dataSource, sub);
    process.stdout.write(
      `${JSON.stringify({ level: 'info', app: 'intents', msg: 'person erased', ...erasure })}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const problems =
    error instanceof ConfigError
      ? error.problems
      : error instanceof DomainError
        ? [error.message]
        : [(error as Error).message];
  for (const problem of problems) process.stderr.write(`envrefresh-intents erase-person: ${problem}\n`);
  process.exitCode = 1;
});
