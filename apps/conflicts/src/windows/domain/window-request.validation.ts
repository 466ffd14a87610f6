import { WINDOW_KINDS, WindowKind } from '@envrefresh/contracts';
import { Problems, canonicalTimeZone, objectOf, NAME_MAX_LENGTH } from '@envrefresh/kernel';
import { validateOneOffTiming, validateRecurringTiming } from '../../detection/domain';
import { Scope, readScope } from './window-scope.validation';

/** A window's timing as validated: instants parsed, the recurrence kept as given (its own timezone). */
export type Timing =
  | { form: 'one-off'; start: Date; end: Date }
  | { form: 'recurring'; rrule: string; duration: string; timezone: string; startsAt: Date; until?: Date };

/** A `POST /windows` body that passed validation. */
export interface WindowRequest {
  kind: WindowKind;
  name: string;
  scope: Scope;
  timing: Timing;
}

const ONE_OFF_FIELDS = ['start', 'end'];
const RECURRING_FIELDS = ['rrule', 'duration', 'timezone', 'startsAt', 'until'];
const FIELDS = new Set(['kind', 'name', 'scope', ...ONE_OFF_FIELDS, ...RECURRING_FIELDS]);

/**
 * Validates `POST /windows` as the domain needs it, naming every field that is wrong
 * (WINDOW.INVALID): exactly one timing form, one-off `{start, end}` or recurring
 * `{rrule, duration, timezone, startsAt, until?}`, checked by the recurrence rules of detection.
 */
export function parseWindowRequest(input: unknown): WindowRequest {
  const problems = new Problems();
  const fields = objectOf(input, problems);
  problems.throwIfAny('WINDOW.INVALID');
  for (const field of Object.keys(fields)) {
    if (!FIELDS.has(field)) problems.add(field, 'is not a field of a window');
  }
  if (!(WINDOW_KINDS as readonly unknown[]).includes(fields.kind)) {
    problems.add('kind', `must be one of ${WINDOW_KINDS.join(', ')}`);
  }
  const name = typeof fields.name === 'string' ? fields.name.trim() : '';
  if (name === '' || name.length > NAME_MAX_LENGTH) {
    problems.add('name', `must be a non-blank string of at most ${NAME_MAX_LENGTH} characters`);
  }
  const scope = readScope(fields.scope, problems);
  const timing = readTiming(fields, problems);
  problems.throwIfAny('WINDOW.INVALID');
  return { kind: fields.kind as WindowKind, name, scope, timing: timing as Timing };
}

function readTiming(fields: Record<string, unknown>, problems: Problems): Timing | undefined {
  const oneOff = ONE_OFF_FIELDS.filter((field) => field in fields);
  const recurring = RECURRING_FIELDS.filter((field) => field in fields);
  if (oneOff.length > 0 && recurring.length > 0) {
    for (const field of oneOff) {
      problems.add(
        field,
        `cannot be combined with ${recurring.join(', ')}: a window is either one-off {start, end} or recurring {rrule, duration, timezone, startsAt, until?}`,
      );
    }
    return undefined;
  }
  if (recurring.length > 0) return readRecurring(fields, problems);
  if (oneOff.length === 0) {
    for (const field of ONE_OFF_FIELDS) {
      problems.add(
        field,
        'is required: give start and end for a one-off window, or rrule, duration, timezone and startsAt for a recurring one',
      );
    }
    return undefined;
  }
  const { start, end } = fields as { start: string; end: string };
  const found = validateOneOffTiming({ start, end });
  found.forEach((problem) => problems.add(problem.field, problem.message));
  return found.length > 0 ? undefined : { form: 'one-off', start: new Date(start), end: new Date(end) };
}

function readRecurring(fields: Record<string, unknown>, problems: Problems): Timing | undefined {
  const { rrule, duration, timezone, startsAt } = fields as Record<string, string>;
  // An explicit null `until` means what leaving it out means: the recurrence does not end.
  const until = fields.until === null ? undefined : (fields.until as string | undefined);
  const found = validateRecurringTiming({
    rrule,
    duration,
    timezone,
    startsAt,
    ...(until === undefined ? {} : { until }),
  });
  found.forEach((problem) => problems.add(problem.field, problem.message));
  if (found.length > 0) return undefined;
  return {
    form: 'recurring',
    rrule: rrule.trim(),
    duration,
    timezone: canonicalTimeZone(timezone),
    startsAt: new Date(startsAt),
    ...(until === undefined ? {} : { until: new Date(until) }),
  };
}
