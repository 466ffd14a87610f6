import { Problems } from './domain-error';

const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** An ISO-8601 date-time with an offset, as an instant; anything else is a problem on `field`. */
export function parseInstant(value: unknown, field: string, problems: Problems): Date | undefined {
  if (typeof value !== 'string' || !OFFSET_DATE_TIME.test(value) || Number.isNaN(new Date(value).getTime())) {
    problems.add(field, 'must be an ISO-8601 date-time with an offset, e.g. 2026-12-01T22:00:00+01:00');
    return undefined;
  }
  return new Date(value);
}
