import { EntityManager } from 'typeorm';
import { quoteIdentifier } from './migrations/run-migrations';
import { queryPrepared } from './prepared-query';

/**
 * Writes a projection row unless the stored one is already at the same or a later version, so
 * events arriving late or twice never roll a projection back. Returns whether the row changed.
 */
export async function upsertNewerVersion(
  manager: EntityManager,
  target: { schema: string; table: string; key: string },
  row: Record<string, unknown> & { version: number },
): Promise<boolean> {
  const columns = Object.keys(row);
  const table = `${quoteIdentifier(target.schema)}.${quoteIdentifier(target.table)}`;
  const updates = columns
    .filter((column) => column !== target.key)
    .map((column) => `${quoteIdentifier(column)} = EXCLUDED.${quoteIdentifier(column)}`);
  const result = await queryPrepared(
    manager,
    `INSERT INTO ${table} (${columns.map(quoteIdentifier).join(', ')})
     VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})
     ON CONFLICT (${quoteIdentifier(target.key)}) DO UPDATE SET ${updates.join(', ')}
     WHERE ${table}.version < EXCLUDED.version
     RETURNING 1`,
    columns.map((column) => row[column]),
  );
  return result.length === 1;
}
