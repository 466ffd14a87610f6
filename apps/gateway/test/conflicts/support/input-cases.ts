import { randomUUID } from 'node:crypto';
import { BookingView, EnvironmentView, WindowView } from '@envrefresh/contracts';
import { RequestOptions } from '../../api/support/api-client';
import { Cast } from '../../api/support/lifecycle';
import { Persona } from '../../api/support/personas';

/** What the cases refer to, made through the API before they run. */
export interface InputWorld {
  cast: Cast;
  /** A requester of another team: not rita's colleague. */
  stranger: Persona;
  viewer: Persona;
  environment: EnvironmentView;
  /** Rita's, for dev-team. */
  booking: BookingView;
  window: WindowView;
}

export interface BadRequest extends RequestOptions {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
}

/** The answer a bad request must get: its status, and the field or the code that says what was wrong. */
export interface Refusal {
  status: 400 | 403 | 404 | 409 | 413 | 415 | 422;
  field?: string;
  code?: string;
}

/**
 * One row: its name, who decides it (`gateway`: the request's shape; `service`: what only the
 * conflicts service knows, such as RRULE semantics or which environments exist), the request, and
 * the refusal.
 */
export type InputCase = [
  name: string,
  judge: 'gateway' | 'service',
  request: (world: InputWorld) => BadRequest,
  refusal: Refusal,
];

export const DAY = '2032-09-01';
const start = `${DAY}T08:00:00Z`;
const end = `${DAY}T12:00:00Z`;

const without = (value: Record<string, unknown>, field: string) =>
  Object.fromEntries(Object.entries(value).filter(([key]) => key !== field));

/** Request bodies the routes accept; each case spoils one thing. */
export const valid = {
  check: (world: InputWorld) => ({
    environmentId: world.environment.id,
    plannedStart: start,
    plannedEnd: end,
  }),
  booking: (world: InputWorld) => ({
    environmentId: world.environment.id,
    start,
    end,
    group: 'dev-team',
    purpose: 'Regression testing',
    priority: 'MEDIUM',
  }),
  oneOff: (world: InputWorld) => ({
    kind: 'BLACKOUT',
    name: 'Quarter-end',
    scope: { environmentIds: [world.environment.id] },
    start,
    end,
  }),
  recurring: (world: InputWorld) => ({
    kind: 'MAINTENANCE',
    name: 'Nightly',
    scope: { environmentIds: [world.environment.id] },
    rrule: 'FREQ=DAILY',
    duration: 'PT6H',
    timezone: 'Europe/Berlin',
    startsAt: '2032-09-01T22:00:00+02:00',
  }),
};

const check =
  (spoil: (body: Record<string, unknown>) => Record<string, unknown>) =>
  (world: InputWorld): BadRequest => ({
    method: 'POST',
    path: '/conflicts/check',
    as: world.cast.requester,
    body: spoil(valid.check(world)),
  });
const booking =
  (spoil: (body: Record<string, unknown>) => unknown, as?: (world: InputWorld) => Persona) =>
  (world: InputWorld): BadRequest => ({
    method: 'POST',
    path: '/bookings',
    as: as ? as(world) : world.cast.requester,
    body: spoil(valid.booking(world)),
  });
const oneOff =
  (spoil: (body: Record<string, unknown>) => unknown) =>
  (world: InputWorld): BadRequest => ({
    method: 'POST',
    path: '/windows',
    as: world.cast.admin,
    body: spoil(valid.oneOff(world)),
  });
const recurring =
  (spoil: (body: Record<string, unknown>) => unknown) =>
  (world: InputWorld): BadRequest => ({
    method: 'POST',
    path: '/windows',
    as: world.cast.admin,
    body: spoil(valid.recurring(world)),
  });
const get =
  (path: string | ((world: InputWorld) => string), query: (world: InputWorld) => Record<string, string>) =>
  (world: InputWorld): BadRequest => ({
    method: 'GET',
    path: typeof path === 'string' ? path : path(world),
    as: world.cast.approver,
    query: query(world),
  });
const slots = (world: InputWorld) => `/environments/${world.environment.id}/free-slots`;
const decide =
  (decision: 'acknowledge' | 'override', id: string, body?: unknown, rawBody?: string) =>
  (world: InputWorld): BadRequest => ({
    method: 'POST',
    path: `/conflicts/${id}/${decision}`,
    as: world.cast.approver,
    ...(body === undefined ? {} : { body }),
    ...(rawBody === undefined ? {} : { rawBody }),
  });
const remove =
  (what: 'bookings' | 'windows', id: (world: InputWorld) => string, as: (world: InputWorld) => Persona) =>
  (world: InputWorld): BadRequest => ({ method: 'DELETE', path: `/${what}/${id(world)}`, as: as(world) });

const NOWHERE = randomUUID();
const JUSTIFICATION = 'The release team agreed to pause for the refresh';
const NOT_A_CURSOR = 'bm90LWEtY3Vyc29y';

export const INPUT_CASES: InputCase[] = [
  // POST /conflicts/check
  [
    'check without environmentId',
    'gateway',
    check((b) => without(b, 'environmentId')),
    { status: 400, field: 'environmentId' },
  ],
  [
    'check with a numeric environmentId',
    'gateway',
    check((b) => ({ ...b, environmentId: 42 })),
    { status: 400, field: 'environmentId' },
  ],
  [
    'check with plannedStart "tomorrow"',
    'gateway',
    check((b) => ({ ...b, plannedStart: 'tomorrow' })),
    { status: 400, field: 'plannedStart' },
  ],
  [
    'check with plannedEnd before plannedStart',
    'gateway',
    check((b) => ({ ...b, plannedEnd: `${DAY}T07:00:00Z` })),
    { status: 400, field: 'plannedEnd' },
  ],
  [
    'check with an unknown field',
    'gateway',
    check((b) => ({ ...b, priority: 'HIGH' })),
    { status: 400, field: 'priority' },
  ],
  [
    'check with a source that is a string',
    'gateway',
    check((b) => ({ ...b, source: 'prod' })),
    { status: 400, field: 'source' },
  ],
  [
    'check with a non-UUID excludeIntentId',
    'gateway',
    check((b) => ({ ...b, excludeIntentId: 'mine' })),
    { status: 400, field: 'excludeIntentId' },
  ],
  [
    'check of an environment nobody created',
    'service',
    check((b) => ({ ...b, environmentId: NOWHERE })),
    { status: 400, field: 'environmentId', code: 'CONFLICTS.UNKNOWN_ENVIRONMENT' },
  ],
  [
    'check of a window over 366 days long',
    'service',
    check((b) => ({ ...b, plannedEnd: '2033-09-03T12:00:00Z' })),
    { status: 400, field: 'plannedEnd' },
  ],
  // GET /conflicts
  [
    'a conflict list by an unknown status',
    'gateway',
    get('/conflicts', () => ({ status: 'CLOSED' })),
    { status: 400, field: 'status' },
  ],
  [
    'a conflict list by a lowercase status',
    'gateway',
    get('/conflicts', () => ({ status: 'open' })),
    { status: 400, field: 'status' },
  ],
  [
    'a conflict list by a non-UUID environmentId',
    'gateway',
    get('/conflicts', () => ({ environmentId: 'uat' })),
    { status: 400, field: 'environmentId' },
  ],
  [
    'a conflict list by a non-UUID intentId',
    'gateway',
    get('/conflicts', () => ({ intentId: '42' })),
    { status: 400, field: 'intentId' },
  ],
  [
    'a conflict list with limit=abc',
    'gateway',
    get('/conflicts', () => ({ limit: 'abc' })),
    { status: 400, field: 'limit' },
  ],
  [
    'a conflict list with an unknown parameter',
    'gateway',
    get('/conflicts', () => ({ severity: 'BLOCKING' })),
    { status: 400, field: 'severity' },
  ],
  [
    'a conflict list with a cursor it never handed out',
    'service',
    get('/conflicts', () => ({ cursor: NOT_A_CURSOR })),
    { status: 400, field: 'cursor' },
  ],
  // POST /conflicts/{id}/acknowledge
  [
    'acknowledge with numeric notes',
    'gateway',
    decide('acknowledge', NOWHERE, { notes: 42 }),
    { status: 400, field: 'notes' },
  ],
  [
    'acknowledge with an unknown field',
    'gateway',
    decide('acknowledge', NOWHERE, { justification: JUSTIFICATION }),
    { status: 400, field: 'justification' },
  ],
  [
    'acknowledge with a body that is not JSON',
    'gateway',
    decide('acknowledge', NOWHERE, undefined, '{notes:'),
    { status: 400 },
  ],
  [
    'acknowledge a conflict id that is not a UUID',
    'gateway',
    decide('acknowledge', 'c-42', {}),
    { status: 404 },
  ],
  [
    'acknowledge a conflict that does not exist',
    'service',
    decide('acknowledge', NOWHERE, {}),
    { status: 404, code: 'CONFLICT.NOT_FOUND' },
  ],
  // POST /conflicts/{id}/override
  [
    'override without a body',
    'gateway',
    decide('override', NOWHERE),
    { status: 400, field: 'justification' },
  ],
  [
    'override with a numeric justification',
    'gateway',
    decide('override', NOWHERE, { justification: 1234567890123 }),
    { status: 400, field: 'justification' },
  ],
  [
    'override with a justification short once trimmed',
    'gateway',
    decide('override', NOWHERE, { justification: '   because    ' }),
    { status: 400, field: 'justification' },
  ],
  [
    'override with an unknown field',
    'gateway',
    decide('override', NOWHERE, { justification: JUSTIFICATION, severity: 'WARNING' }),
    { status: 400, field: 'severity' },
  ],
  [
    'override a conflict id that is not a UUID',
    'gateway',
    decide('override', '42', { justification: JUSTIFICATION }),
    { status: 404 },
  ],
  [
    'override a conflict that does not exist',
    'service',
    decide('override', NOWHERE, { justification: JUSTIFICATION }),
    { status: 404, code: 'CONFLICT.NOT_FOUND' },
  ],
  // GET /environments/{id}/free-slots
  [
    'free slots without duration',
    'gateway',
    get(slots, () => ({ limit: '3' })),
    { status: 400, field: 'duration' },
  ],
  [
    'free slots for "4 hours"',
    'gateway',
    get(slots, () => ({ duration: '4 hours' })),
    { status: 400, field: 'duration' },
  ],
  [
    'free slots for a zero duration',
    'gateway',
    get(slots, () => ({ duration: 'PT0S' })),
    { status: 400, field: 'duration' },
  ],
  [
    'free slots from a date without time',
    'gateway',
    get(slots, () => ({ duration: 'PT4H', from: DAY })),
    { status: 400, field: 'from' },
  ],
  [
    'free slots to before from',
    'gateway',
    get(slots, () => ({ duration: 'PT4H', from: end, to: start })),
    { status: 400, field: 'to' },
  ],
  [
    'free slots with limit=0',
    'gateway',
    get(slots, () => ({ duration: 'PT4H', limit: '0' })),
    { status: 400, field: 'limit' },
  ],
  [
    'free slots with an unknown parameter',
    'gateway',
    get(slots, () => ({ duration: 'PT4H', tier: 'QA' })),
    { status: 400, field: 'tier' },
  ],
  [
    'free slots of an environment nobody created',
    'service',
    get(`/environments/${NOWHERE}/free-slots`, () => ({ duration: 'PT4H' })),
    { status: 404 },
  ],
  [
    'free slots of an unknown environment key',
    'service',
    get('/environments/no-such-env/free-slots', () => ({ duration: 'PT4H' })),
    { status: 404 },
  ],
  [
    'free slots over more than 366 days',
    'service',
    get(slots, () => ({ duration: 'PT4H', from: start, to: '2033-09-05T00:00:00Z' })),
    { status: 400, field: 'to' },
  ],
  [
    'free slots for a refresh of 400 days',
    'service',
    get(slots, () => ({ duration: 'P400D' })),
    { status: 400, field: 'duration' },
  ],
  // GET /freeze
  [
    'freeze without environmentId',
    'gateway',
    get('/freeze', () => ({})),
    { status: 400, field: 'environmentId' },
  ],
  [
    'freeze by environment key',
    'gateway',
    get('/freeze', (w) => ({ environmentId: w.environment.key })),
    { status: 400, field: 'environmentId' },
  ],
  [
    'freeze at "yesterday"',
    'gateway',
    get('/freeze', (w) => ({ environmentId: w.environment.id, at: 'yesterday' })),
    { status: 400, field: 'at' },
  ],
  [
    'freeze at a time without offset',
    'gateway',
    get('/freeze', (w) => ({ environmentId: w.environment.id, at: `${DAY}T08:00:00` })),
    { status: 400, field: 'at' },
  ],
  [
    'freeze of an environment nobody created',
    'service',
    get('/freeze', () => ({ environmentId: NOWHERE })),
    { status: 400, field: 'environmentId', code: 'CONFLICTS.UNKNOWN_ENVIRONMENT' },
  ],
  // POST /bookings
  [
    'a booking without priority',
    'gateway',
    booking((b) => without(b, 'priority')),
    { status: 400, field: 'priority' },
  ],
  [
    'a booking of priority "high"',
    'gateway',
    booking((b) => ({ ...b, priority: 'high' })),
    { status: 400, field: 'priority' },
  ],
  [
    'a booking with a numeric start',
    'gateway',
    booking((b) => ({ ...b, start: 1967270400000 })),
    { status: 400, field: 'start' },
  ],
  [
    'a booking that ends before it starts',
    'gateway',
    booking((b) => ({ ...b, end: `${DAY}T07:00:00Z` })),
    { status: 400, field: 'end' },
  ],
  [
    'a booking for a group with spaces',
    'gateway',
    booking((b) => ({ ...b, group: 'dev team' })),
    { status: 400, field: 'group' },
  ],
  [
    'a booking with an empty purpose',
    'gateway',
    booking((b) => ({ ...b, purpose: '' })),
    { status: 400, field: 'purpose' },
  ],
  [
    'a booking with an unknown field',
    'gateway',
    booking((b) => ({ ...b, createdBy: 'someone-else' })),
    { status: 400, field: 'createdBy' },
  ],
  ['a booking as a JSON array', 'gateway', booking((b) => [b]), { status: 400 }],
  [
    'a booking with a malformed Idempotency-Key',
    'gateway',
    (world) => ({ ...booking((b) => b)(world), headers: { 'idempotency-key': 'two words' } }),
    { status: 400, field: 'Idempotency-Key' },
  ],
  [
    'a booking of an environment nobody created',
    'service',
    booking((b) => ({ ...b, environmentId: NOWHERE })),
    { status: 400, field: 'environmentId', code: 'BOOKING.UNKNOWN_ENVIRONMENT' },
  ],
  [
    'a booking for a group the requester is not in',
    'service',
    booking((b) => ({ ...b, group: 'payments-qa' })),
    { status: 403, code: 'BOOKING.NOT_GROUP_MEMBER' },
  ],
  [
    'a booking of more than 366 days',
    'service',
    booking((b) => ({ ...b, end: '2033-09-03T12:00:00Z' })),
    { status: 400, field: 'end' },
  ],
  [
    'a booking that is already over',
    'service',
    booking((b) => ({ ...b, start: '2020-01-01T08:00:00Z', end: '2020-01-01T12:00:00Z' })),
    { status: 400, field: 'end' },
  ],
  [
    'a booking by a viewer',
    'gateway',
    booking(
      (b) => ({ ...b, group: 'qa-team' }),
      (w) => w.viewer,
    ),
    { status: 403 },
  ],
  // GET /bookings
  [
    'a booking list with includeCancelled=yes',
    'gateway',
    get('/bookings', () => ({ includeCancelled: 'yes' })),
    { status: 400, field: 'includeCancelled' },
  ],
  [
    'a booking list from a date without time',
    'gateway',
    get('/bookings', () => ({ from: DAY })),
    { status: 400, field: 'from' },
  ],
  [
    'a booking list to before from',
    'gateway',
    get('/bookings', () => ({ from: end, to: start })),
    { status: 400, field: 'to' },
  ],
  [
    'a booking list by a non-UUID environmentId',
    'gateway',
    get('/bookings', () => ({ environmentId: 'uat' })),
    { status: 400, field: 'environmentId' },
  ],
  [
    'a booking list with limit=101',
    'gateway',
    get('/bookings', () => ({ limit: '101' })),
    { status: 400, field: 'limit' },
  ],
  [
    'a booking list with a cursor it never handed out',
    'service',
    get('/bookings', () => ({ cursor: NOT_A_CURSOR })),
    { status: 400, field: 'cursor' },
  ],
  // DELETE /bookings/{id}
  [
    'cancelling a booking id that is not a UUID',
    'gateway',
    remove(
      'bookings',
      () => '42',
      (w) => w.cast.admin,
    ),
    { status: 404 },
  ],
  [
    'cancelling a booking that does not exist',
    'service',
    remove(
      'bookings',
      () => NOWHERE,
      (w) => w.cast.admin,
    ),
    { status: 404, code: 'BOOKING.NOT_FOUND' },
  ],
  [
    "cancelling another team's booking",
    'service',
    remove(
      'bookings',
      (w) => w.booking.id,
      (w) => w.stranger,
    ),
    { status: 403, code: 'BOOKING.NOT_CANCELLABLE_BY_YOU' },
  ],
  // POST /windows
  ['a window without kind', 'gateway', oneOff((b) => without(b, 'kind')), { status: 400, field: 'kind' }],
  [
    'a window of kind FREEZE',
    'gateway',
    oneOff((b) => ({ ...b, kind: 'FREEZE' })),
    { status: 400, field: 'kind' },
  ],
  ['a window without name', 'gateway', oneOff((b) => without(b, 'name')), { status: 400, field: 'name' }],
  [
    'a window with a numeric name',
    'gateway',
    oneOff((b) => ({ ...b, name: 7 })),
    { status: 400, field: 'name' },
  ],
  [
    'a one-off window without end',
    'gateway',
    oneOff((b) => without(b, 'end')),
    { status: 400, field: 'end' },
  ],
  [
    'a one-off window that ends before it starts',
    'gateway',
    oneOff((b) => ({ ...b, end: `${DAY}T07:00:00Z` })),
    { status: 400, field: 'end' },
  ],
  [
    'a one-off window with a timezone',
    'gateway',
    oneOff((b) => ({ ...b, timezone: 'Europe/Berlin' })),
    { status: 400, field: 'timezone' },
  ],
  ['a window of both forms', 'gateway', recurring((b) => ({ ...b, start })), { status: 400, field: 'start' }],
  [
    'a recurring window without timezone',
    'gateway',
    recurring((b) => without(b, 'timezone')),
    { status: 400, field: 'timezone' },
  ],
  [
    'a recurring window in timezone Mars/Olympus',
    'gateway',
    recurring((b) => ({ ...b, timezone: 'Mars/Olympus' })),
    { status: 400, field: 'timezone' },
  ],
  [
    'a recurring window with a prose duration',
    'gateway',
    recurring((b) => ({ ...b, duration: 'six hours' })),
    { status: 400, field: 'duration' },
  ],
  [
    'a recurring window without rrule',
    'gateway',
    recurring((b) => without(b, 'rrule')),
    { status: 400, field: 'rrule' },
  ],
  [
    'a recurring window with until before startsAt',
    'gateway',
    recurring((b) => ({ ...b, until: '2032-01-01T00:00:00Z' })),
    { status: 400, field: 'until' },
  ],
  [
    'a window scoped to tier PROD',
    'gateway',
    oneOff((b) => ({ ...b, scope: { tiers: ['PROD'] } })),
    { status: 400, field: 'scope.tiers' },
  ],
  [
    'a window scoped to an environment key',
    'gateway',
    oneOff((b) => ({ ...b, scope: { environmentIds: ['uat'] } })),
    { status: 400, field: 'scope.environmentIds' },
  ],
  [
    'a window with an unknown scope field',
    'gateway',
    oneOff((b) => ({ ...b, scope: { groups: ['qa'] } })),
    { status: 400, field: 'scope.groups' },
  ],
  [
    'a window with an unknown field',
    'gateway',
    oneOff((b) => ({ ...b, priority: 'HIGH' })),
    { status: 400, field: 'priority' },
  ],
  [
    'a window with an RRULE that does not parse',
    'service',
    recurring((b) => ({ ...b, rrule: 'every other tuesday' })),
    { status: 400, field: 'rrule' },
  ],
  [
    'a window with an unknown FREQ',
    'service',
    recurring((b) => ({ ...b, rrule: 'FREQ=SOMETIMES' })),
    { status: 400, field: 'rrule' },
  ],
  [
    'a window with BYHOUR=25',
    'service',
    recurring((b) => ({ ...b, rrule: 'FREQ=DAILY;BYHOUR=25' })),
    { status: 400, field: 'rrule' },
  ],
  [
    'a window with a DTSTART inside the RRULE',
    'service',
    recurring((b) => ({ ...b, rrule: 'DTSTART:20320901T220000Z\nRRULE:FREQ=DAILY' })),
    { status: 400, field: 'rrule' },
  ],
  [
    'a window recurring every minute',
    'service',
    recurring((b) => ({ ...b, rrule: 'FREQ=MINUTELY', duration: 'PT30S' })),
    { status: 400, field: 'rrule' },
  ],
  [
    'a window on 30 February',
    'service',
    recurring((b) => ({ ...b, rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' })),
    { status: 400, field: 'rrule' },
  ],
  [
    'a window whose occurrences overlap',
    'service',
    recurring((b) => ({ ...b, rrule: 'FREQ=DAILY', duration: 'PT25H' })),
    { status: 400, field: 'duration' },
  ],
  [
    'a window whose occurrences last 32 days',
    'service',
    recurring((b) => ({ ...b, rrule: 'FREQ=YEARLY', duration: 'P32D' })),
    { status: 400, field: 'duration' },
  ],
  [
    'a one-off window of more than 366 days',
    'service',
    oneOff((b) => ({ ...b, end: '2033-09-03T12:00:00Z' })),
    { status: 400, field: 'end' },
  ],
  [
    'a window scoped to an environment nobody created',
    'service',
    oneOff((b) => ({ ...b, scope: { environmentIds: [NOWHERE] } })),
    { status: 400, field: 'scope.environmentIds[0]', code: 'WINDOW.UNKNOWN_ENVIRONMENT' },
  ],
  [
    'a window by an approver',
    'gateway',
    (world) => ({ ...oneOff((b) => b)(world), as: world.cast.approver }),
    { status: 403 },
  ],
  // GET /windows
  [
    'a window list of kind HOLIDAY',
    'gateway',
    get('/windows', () => ({ kind: 'HOLIDAY' })),
    { status: 400, field: 'kind' },
  ],
  [
    'a window list by a non-UUID environmentId',
    'gateway',
    get('/windows', () => ({ environmentId: 'uat' })),
    { status: 400, field: 'environmentId' },
  ],
  [
    'a window list with limit=-1',
    'gateway',
    get('/windows', () => ({ limit: '-1' })),
    { status: 400, field: 'limit' },
  ],
  [
    'a window list with a cursor it never handed out',
    'service',
    get('/windows', () => ({ cursor: NOT_A_CURSOR })),
    { status: 400, field: 'cursor' },
  ],
  // DELETE /windows/{id}
  [
    'deleting a window id that is not a UUID',
    'gateway',
    remove(
      'windows',
      () => 'not-a-window',
      (w) => w.cast.admin,
    ),
    { status: 404 },
  ],
  [
    'deleting a window that does not exist',
    'service',
    remove(
      'windows',
      () => NOWHERE,
      (w) => w.cast.admin,
    ),
    { status: 404, code: 'WINDOW.NOT_FOUND' },
  ],
  [
    'deleting a window as a requester',
    'gateway',
    remove(
      'windows',
      (w) => w.window.id,
      (w) => w.cast.requester,
    ),
    { status: 403 },
  ],
];
