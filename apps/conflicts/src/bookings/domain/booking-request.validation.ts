import { BOOKING_PRIORITIES, BookingPriority } from '@envrefresh/contracts';
import { Problems, isUuid, parseInstant } from '@envrefresh/kernel';

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
const MAX_PURPOSE_LENGTH = 500;
const MAX_GROUP_LENGTH = 100;

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
  const group = readText(fields.group, MAX_GROUP_LENGTH);
  if (group === undefined) {
    problems.add('group', `must be a non-blank group key of at most ${MAX_GROUP_LENGTH} characters`);
  }
  const purpose = readText(fields.purpose, MAX_PURPOSE_LENGTH);
  if (purpose === undefined) {
    problems.add('purpose', `must be a non-blank text of at most ${MAX_PURPOSE_LENGTH} characters`);
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

/** Anything but a JSON object is one problem: its fields cannot be named. */
function objectOf(input: unknown, problems: Problems): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.add('body', 'must be a JSON object');
    return {};
  }
  return input as Record<string, unknown>;
}
