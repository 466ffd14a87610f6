import { QueryRunner } from 'typeorm';
import { quoteIdentifier } from './run-migrations';

/** Migrations are shared between services, so they read their target schema from the data source. */
export function schemaOf(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('Every envrefresh data source names its schema');
  return quoteIdentifier(schema);
}
