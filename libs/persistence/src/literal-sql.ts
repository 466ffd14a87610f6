import { escapeLiteral } from 'pg';
import type { SqlWrite } from './write-statement';

/**
 * SQL text whose values are written into it as literals: what travels beside BEGIN or COMMIT, in
 * one simple-protocol query, which takes no parameters (runTransactionBegunWith).
 */
export type LiteralSql = string;

type Scalar = string | number | bigint | boolean | Date | null | undefined;
export type LiteralValue = Scalar | readonly Scalar[];

/**
 * A value quoted for PostgreSQL with pg's own escaping, as pg would send it as a parameter: a
 * string (or a number, a Date) becomes a quoted literal of no type yet, which takes the type its
 * place needs, as a parameter does; an array becomes one literal of PostgreSQL's array text, as
 * pg sends an array parameter, typed text[] for the SQL to cast (`$1::uuid[]` reads
 * `'{…}'::text[]::uuid[]`): the server reads it with one call of array_in, where `ARRAY[…]` of a
 * hundred elements would be a hundred expressions to parse and cast. Top-level numbers are bare.
 */
export function sqlLiteral(value: LiteralValue): string {
  if (Array.isArray(value)) return `${escapeLiteral(arrayText(value))}::text[]`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} is not a number PostgreSQL can take`);
    return String(value);
  }
  return quoted(value as Scalar);
}

/** `'a', 'b'`: for `key IN (…)`, where each literal takes the key's type. */
export function sqlLiterals(values: readonly Scalar[]): string {
  if (values.length === 0) throw new Error('a list of literals needs at least one value');
  return values.map((value) => quoted(value)).join(', ');
}

/**
 * A repository's write with its values written in place of `$1…$n`, to send with a BEGIN or a
 * COMMIT: each table's SQL stays written once, whichever way it travels.
 */
export function inlinedSql({ sql, values }: SqlWrite): LiteralSql {
  return sql.replace(/\$(\d+)/g, (_match, index: string) => {
    const position = Number(index);
    if (position < 1 || position > values.length)
      throw new Error(`placeholder $${position} has no value (${values.length} given)`);
    return sqlLiteral(values[position - 1] as LiteralValue);
  });
}

/** `{"a",NULL,"b\\"c"}`: the text form PostgreSQL reads an array from. */
function arrayText(values: readonly Scalar[]): string {
  const element = (value: Scalar): string => {
    if (value === null || value === undefined) return 'NULL';
    const text = value instanceof Date ? value.toISOString() : String(value);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  };
  return `{${values.map(element).join(',')}}`;
}

function quoted(value: Scalar): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return escapeLiteral(value.toISOString());
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error(`${value} is not a number PostgreSQL can take`);
  return escapeLiteral(String(value));
}
