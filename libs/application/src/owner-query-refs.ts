import { Problems } from '@envrefresh/kernel';

/** The most refs one owner query may name: a request depends on a handful, never on a catalog. */
export const OWNER_QUERY_MAX_REFS = 100;

/** The refs of an owner query (ADR 0014), checked: a non-empty list of non-empty strings, bounded. */
export function ownerQueryRefs(value: unknown, field: string, max = OWNER_QUERY_MAX_REFS): string[] {
  const problems = new Problems();
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.length > max ||
    !value.every((ref) => typeof ref === 'string' && ref.length > 0 && ref.length <= 200)
  ) {
    problems.add(field, `must be a list of 1 to ${max} ids or keys`);
  }
  problems.throwIfAny('REQUEST.INVALID');
  return [...new Set(value as string[])];
}
