import { BOOKING_PRIORITIES, BookingPriority } from '@envrefresh/contracts';
import {
  Problems,
  isUuid,
  parseInstant,
  objectOf,
  groupKeyOf,
  GROUP_KEY_RULE,
  PURPOSE_MAX_LENGTH,
} from '@envrefresh/kernel';

/** A booking request that passed validation, instants parsed and text trimmed. */
export interface BookingRequest {
  environmentId: string;
  start: Date;
  end: Date;
  group: string;
  purpose: string;
  priority: BookingPriority;
}

/** A leap year: a booking may claim an environment for a whole year, not indefinitely. */
export const MAX_BOOKING_DAYS = 366;
const MAX_BOOKING_MS = MAX_BOOKING_DAYS * 24 * 60 * 60 * 1000;

const FIELDS = new Set(['environmentId', 'start', 'end', 'group', 'purpose', 'priority']);

/**
 * Validates `POST /bookings` as the domain needs it, naming every field that is wrong
 * (BOOKING.INVALID). `now` decides whether the booking is already over.
 */
export function parseBookingRequest(input: unknown, now: Date): BookingRequest {
  const problems = new Problems();
  const fields = objectOf(input, problems);
  problems.throwIfAny('BOOKING.INVALID');
  for (const field of Object.keys(fields)) {
    if (!FIELDS.has(field)) problems.add(field, 'is not a field of a booking');
  }
  if (!isUuid(fields.environmentId)) problems.add('environmentId', 'must be the id (uuid) of an environment');
  const start = parseInstant(fields.start, 'start', problems);
  const end = parseInstant(fields.end, 'end', problems);
  if (start && end) checkSpan(start, end, now, problems);
  const group = groupKeyOf(fields.group);
  if (group === undefined) problems.add('group', `must be ${GROUP_KEY_RULE}`);
  const purpose = readText(fields.purpose, PURPOSE_MAX_LENGTH);
  if (purpose === undefined) {
    problems.add('purpose', `must be a non-blank text of at most ${PURPOSE_MAX_LENGTH} characters`);
  }
  if (!(BOOKING_PRIORITIES as readonly unknown[]).includes(fields.priority)) {
    problems.add('priority', `must be one of ${BOOKING_PRIORITIES.join(', ')}`);
  }
  problems.throwIfAny('BOOKING.INVALID');
  return {
    environmentId: (fields.environmentId as string).toLowerCase(),
    start: start as Date,
    end: end as Date,
    group: group as string,
    purpose: purpose as string,
    priority: fields.priority as BookingPriority,
  };
}

function checkSpan(start: Date, end: Date, now: Date, problems: Problems): void {
  if (end <= start) {
    problems.add('end', 'must be after start (bookings are half-open [start, end))');
  } else if (end.getTime() - start.getTime() > MAX_BOOKING_MS) {
    problems.add('end', `must be at most ${MAX_BOOKING_DAYS} days after start`);
  } else if (end <= now) {
    problems.add('end', 'must be in the future: this booking would already be over');
  }
}

function readText(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > maxLength ? undefined : trimmed;
}
