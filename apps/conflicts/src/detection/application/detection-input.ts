import { IntentSource } from '@envrefresh/contracts';
import { Problems, isUuid, parseInstant, SNAPSHOT_MAX_LENGTH } from '@envrefresh/kernel';
import { Interval } from '@envrefresh/recurrence';

/** The longest window a check or a slot search looks at: beyond it, answers get slow and plans stale. */
export const MAX_RANGE_MS = 366 * 24 * 60 * 60 * 1000;

export function requiredUuid(value: unknown, field: string, problems: Problems): string {
  if (!isUuid(value)) problems.add(field, 'must be a UUID');
  return value as string;
}

/** `[start, end)` from two instants with an offset; end after start, at most MAX_RANGE_MS long. */
export function windowOf(
  start: unknown,
  end: unknown,
  fields: { start: string; end: string },
  problems: Problems,
): Interval | undefined {
  const from = parseInstant(start, fields.start, problems);
  const to = parseInstant(end, fields.end, problems);
  if (!from || !to) return undefined;
  if (to <= from) {
    problems.add(fields.end, `must be after ${fields.start} (windows are half-open [start, end))`);
    return undefined;
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
    problems.add(fields.end, `must be at most 366 days after ${fields.start}`);
    return undefined;
  }
  return { start: from, end: to };
}

/** An optional `{ environmentId?, snapshot? }`; only the members that name something are kept. */
export function optionalSource(value: unknown, problems: Problems): IntentSource | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.add('source', 'must be an object { environmentId?, snapshot? }');
    return undefined;
  }
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source))
    if (key !== 'environmentId' && key !== 'snapshot') problems.add(`source.${key}`, 'is not a source field');
  if (source.environmentId !== undefined && !isUuid(source.environmentId))
    problems.add('source.environmentId', 'must be a UUID');
  if (
    source.snapshot !== undefined &&
    (typeof source.snapshot !== 'string' ||
      source.snapshot.trim() === '' ||
      source.snapshot.length > SNAPSHOT_MAX_LENGTH)
  )
    problems.add('source.snapshot', `must be a name of 1 to ${SNAPSHOT_MAX_LENGTH} characters`);
  const kept = {
    ...(typeof source.environmentId === 'string' ? { environmentId: source.environmentId } : {}),
    ...(typeof source.snapshot === 'string' && source.snapshot.trim() !== ''
      ? { snapshot: source.snapshot }
      : {}),
  };
  return Object.keys(kept).length > 0 ? kept : undefined;
}
