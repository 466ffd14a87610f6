import { Problems, isUuid } from '@envrefresh/kernel';

/** A list a caller sent, at most `max` items; a problem on `field` otherwise. Absent: empty. */
export function listAt<T = Record<string, unknown> | undefined>(
  given: unknown,
  field: string,
  max: number,
  problems: Problems,
): T[] {
  if (given === undefined) return [];
  if (!Array.isArray(given) || given.length > max) {
    problems.add(field, `must list at most ${max} items`);
    return [];
  }
  return given as T[];
}

/** Intents named by id and the version they reached, as the gateway sends them (ADR 0014, 0035). */
export function intentVersionsAt(
  given: unknown,
  field: string,
  max: number,
  problems: Problems,
): { id: string; version: number }[] {
  return listAt(given, field, max, problems).map((item, index) => {
    if (!isUuid(item?.id)) problems.add(`${field}[${index}].id`, 'must be a UUID');
    if (!Number.isInteger(item?.version)) problems.add(`${field}[${index}].version`, 'must be an integer');
    return { id: item?.id as string, version: item?.version as number };
  });
}

/** The intents a calendar question names as written lately, checked; 400 naming the field otherwise. */
export function writtenIntentsOf(given: unknown, max: number): { id: string; version: number }[] {
  const problems = new Problems();
  const intents = intentVersionsAt(given, 'writtenIntents', max, problems);
  problems.throwIfAny('REQUEST.INVALID');
  return intents;
}
