import { randomUUID } from 'node:crypto';
import { problemOf } from './support/gateway-under-test';
import { GatewayOverFakes, RequestOptions, as } from './support/gateway-over-fakes';

const environmentId = randomUUID();
const id = randomUUID();

const check = {
  environmentId,
  plannedStart: '2027-03-01T22:00:00+01:00',
  plannedEnd: '2027-03-02T02:00:00+01:00',
};
const booking = {
  environmentId,
  start: '2027-03-01T08:00:00Z',
  end: '2027-03-05T18:00:00Z',
  group: 'payments-qa',
  purpose: 'Release testing',
  priority: 'MEDIUM',
};
const oneOff = {
  kind: 'BLACKOUT',
  name: 'Freeze',
  start: '2027-03-28T00:00:00Z',
  end: '2027-04-02T00:00:00Z',
};
const recurring = {
  kind: 'MAINTENANCE',
  name: 'Nightly',
  rrule: 'FREQ=DAILY',
  duration: 'PT8H',
  timezone: 'Europe/Berlin',
  startsAt: '2027-01-01T22:00:00+01:00',
};
const without = <T extends object>(value: T, field: keyof T) =>
  Object.fromEntries(Object.entries(value).filter(([key]) => key !== field));
const slots = (query: string) => `/environments/uat-payments/free-slots?${query}`;

type Case = [name: string, method: string, path: string, options: RequestOptions, field: string];

/** Bad input on every new route: 400 naming the field, decided by the gateway alone. */
const REFUSED: Case[] = [
  // POST /conflicts/check
  [
    'check without environmentId',
    'POST',
    '/conflicts/check',
    { body: without(check, 'environmentId') },
    'environmentId',
  ],
  [
    'check with an environment key',
    'POST',
    '/conflicts/check',
    { body: { ...check, environmentId: 'uat' } },
    'environmentId',
  ],
  [
    'check without plannedStart',
    'POST',
    '/conflicts/check',
    { body: without(check, 'plannedStart') },
    'plannedStart',
  ],
  [
    'check with a plannedStart without offset',
    'POST',
    '/conflicts/check',
    { body: { ...check, plannedStart: '2027-03-01T22:00:00' } },
    'plannedStart',
  ],
  [
    'check with plannedEnd equal to plannedStart',
    'POST',
    '/conflicts/check',
    { body: { ...check, plannedEnd: '2027-03-01T21:00:00Z' } },
    'plannedEnd',
  ],
  [
    'check with plannedEnd before plannedStart',
    'POST',
    '/conflicts/check',
    { body: { ...check, plannedEnd: '2027-03-01T20:00:00Z' } },
    'plannedEnd',
  ],
  [
    'check with a bad excludeIntentId',
    'POST',
    '/conflicts/check',
    { body: { ...check, excludeIntentId: '42' } },
    'excludeIntentId',
  ],
  [
    'check with a bad source environment',
    'POST',
    '/conflicts/check',
    { body: { ...check, source: { environmentId: 'prod' } } },
    'source.environmentId',
  ],
  [
    'check with an unknown source field',
    'POST',
    '/conflicts/check',
    { body: { ...check, source: { branch: 'x' } } },
    'source.branch',
  ],
  [
    'check with an unknown field',
    'POST',
    '/conflicts/check',
    { body: { ...check, refreshType: 'FULL_COPY' } },
    'refreshType',
  ],
  ['check with a JSON array', 'POST', '/conflicts/check', { rawBody: '[]' }, 'body'],
  [
    'check with a "constructor" member',
    'POST',
    '/conflicts/check',
    { rawBody: `{"constructor": {}, "environmentId": "${environmentId}"}` },
    'constructor',
  ],
  // GET /conflicts
  ['a conflict list by an unknown status', 'GET', '/conflicts?status=CLOSED', {}, 'status'],
  ['a conflict list by a bad intentId', 'GET', '/conflicts?intentId=42', {}, 'intentId'],
  ['a conflict list by a bad environmentId', 'GET', '/conflicts?environmentId=uat', {}, 'environmentId'],
  ['a conflict list with limit 101', 'GET', '/conflicts?limit=101', {}, 'limit'],
  ['a conflict list with an unknown parameter', 'GET', '/conflicts?severity=BLOCKING', {}, 'severity'],
  // POST /conflicts/{id}/acknowledge
  [
    'acknowledge with numeric notes',
    'POST',
    `/conflicts/${id}/acknowledge`,
    { body: { notes: 42 } },
    'notes',
  ],
  [
    'acknowledge with notes over 2000 characters',
    'POST',
    `/conflicts/${id}/acknowledge`,
    { body: { notes: 'n'.repeat(2001) } },
    'notes',
  ],
  [
    'acknowledge with a justification',
    'POST',
    `/conflicts/${id}/acknowledge`,
    { body: { justification: 'because we can' } },
    'justification',
  ],
  // POST /conflicts/{id}/override
  ['override without a body', 'POST', `/conflicts/${id}/override`, {}, 'justification'],
  [
    'override without a justification',
    'POST',
    `/conflicts/${id}/override`,
    { body: { notes: 'x' } },
    'justification',
  ],
  [
    'override with a blank justification',
    'POST',
    `/conflicts/${id}/override`,
    { body: { justification: '            ' } },
    'justification',
  ],
  [
    'override with a 9-character justification',
    'POST',
    `/conflicts/${id}/override`,
    { body: { justification: 'too short' } },
    'justification',
  ],
  [
    'override with a justification short once trimmed',
    'POST',
    `/conflicts/${id}/override`,
    { body: { justification: '     short      ' } },
    'justification',
  ],
  [
    'override with a justification over 2000 characters',
    'POST',
    `/conflicts/${id}/override`,
    { body: { justification: 'j'.repeat(2001) } },
    'justification',
  ],
  [
    'override with a null justification',
    'POST',
    `/conflicts/${id}/override`,
    { body: { justification: null } },
    'justification',
  ],
  // GET /environments/{id}/free-slots
  ['free slots without duration', 'GET', slots('limit=3'), {}, 'duration'],
  ['free slots with a duration in hours', 'GET', slots('duration=4h'), {}, 'duration'],
  ['free slots with a zero duration', 'GET', slots('duration=PT0H'), {}, 'duration'],
  [
    'free slots with a from without offset',
    'GET',
    slots('duration=PT4H&from=2027-03-01T00:00:00'),
    {},
    'from',
  ],
  [
    'free slots with to before from',
    'GET',
    slots('duration=PT4H&from=2027-03-02T00:00:00Z&to=2027-03-01T00:00:00Z'),
    {},
    'to',
  ],
  ['free slots with limit 0', 'GET', slots('duration=PT4H&limit=0'), {}, 'limit'],
  ['free slots with limit 101', 'GET', slots('duration=PT4H&limit=101'), {}, 'limit'],
  ['free slots with limit 2.5', 'GET', slots('duration=PT4H&limit=2.5'), {}, 'limit'],
  [
    'free slots with a bad source environment',
    'GET',
    slots('duration=PT4H&sourceEnvironmentId=prod'),
    {},
    'sourceEnvironmentId',
  ],
  ['free slots with an unknown parameter', 'GET', slots('duration=PT4H&source=prod'), {}, 'source'],
  // GET /freeze
  ['freeze without environmentId', 'GET', '/freeze', {}, 'environmentId'],
  ['freeze by an environment key', 'GET', '/freeze?environmentId=uat-payments', {}, 'environmentId'],
  ['freeze at a date only', 'GET', `/freeze?environmentId=${environmentId}&at=2027-03-01`, {}, 'at'],
  ['freeze with an unknown parameter', 'GET', `/freeze?environmentId=${environmentId}&tier=UAT`, {}, 'tier'],
  // POST /bookings
  ['a booking without priority', 'POST', '/bookings', { body: without(booking, 'priority') }, 'priority'],
  [
    'a booking with an unknown priority',
    'POST',
    '/bookings',
    { body: { ...booking, priority: 'URGENT' } },
    'priority',
  ],
  [
    'a booking that ends when it starts',
    'POST',
    '/bookings',
    { body: { ...booking, end: booking.start } },
    'end',
  ],
  [
    'a booking with a start without offset',
    'POST',
    '/bookings',
    { body: { ...booking, start: '2027-03-01T08:00' } },
    'start',
  ],
  [
    'a booking for a malformed group',
    'POST',
    '/bookings',
    { body: { ...booking, group: 'payments qa' } },
    'group',
  ],
  [
    'a booking with a blank purpose',
    'POST',
    '/bookings',
    { body: { ...booking, purpose: '   ' } },
    'purpose',
  ],
  ['a booking without purpose', 'POST', '/bookings', { body: without(booking, 'purpose') }, 'purpose'],
  [
    'a booking by environment key',
    'POST',
    '/bookings',
    { body: { ...booking, environmentId: 'uat' } },
    'environmentId',
  ],
  [
    'a booking with an unknown field',
    'POST',
    '/bookings',
    { body: { ...booking, createdBy: 'me' } },
    'createdBy',
  ],
  [
    'a booking with a malformed Idempotency-Key',
    'POST',
    '/bookings',
    { body: booking, headers: { 'idempotency-key': 'has spaces' } },
    'Idempotency-Key',
  ],
  // GET /bookings
  [
    'a booking list with includeCancelled=yes',
    'GET',
    '/bookings?includeCancelled=yes',
    {},
    'includeCancelled',
  ],
  [
    'a booking list with to before from',
    'GET',
    '/bookings?from=2027-03-02T00:00:00Z&to=2027-03-01T00:00:00Z',
    {},
    'to',
  ],
  ['a booking list by a malformed group', 'GET', '/bookings?group=a%20b', {}, 'group'],
  ['a booking list with an empty cursor', 'GET', '/bookings?cursor=', {}, 'cursor'],
  // POST /windows
  ['a window without kind', 'POST', '/windows', { body: without(oneOff, 'kind') }, 'kind'],
  ['a window of an unknown kind', 'POST', '/windows', { body: { ...oneOff, kind: 'FREEZE' } }, 'kind'],
  ['a window without name', 'POST', '/windows', { body: without(oneOff, 'name') }, 'name'],
  ['a window with a blank name', 'POST', '/windows', { body: { ...oneOff, name: '  ' } }, 'name'],
  ['a one-off window without end', 'POST', '/windows', { body: without(oneOff, 'end') }, 'end'],
  [
    'a one-off window that ends before it starts',
    'POST',
    '/windows',
    { body: { ...oneOff, end: '2027-03-27T00:00:00Z' } },
    'end',
  ],
  [
    'a one-off window with a timezone',
    'POST',
    '/windows',
    { body: { ...oneOff, timezone: 'Europe/Berlin' } },
    'timezone',
  ],
  [
    'a one-off window with until',
    'POST',
    '/windows',
    { body: { ...oneOff, until: '2028-01-01T00:00:00Z' } },
    'until',
  ],
  ['a window of both forms', 'POST', '/windows', { body: { ...recurring, start: oneOff.start } }, 'start'],
  [
    'a recurring window without timezone',
    'POST',
    '/windows',
    { body: without(recurring, 'timezone') },
    'timezone',
  ],
  [
    'a recurring window in an unknown timezone',
    'POST',
    '/windows',
    { body: { ...recurring, timezone: 'Mars/Olympus' } },
    'timezone',
  ],
  [
    'a recurring window without startsAt',
    'POST',
    '/windows',
    { body: without(recurring, 'startsAt') },
    'startsAt',
  ],
  [
    'a recurring window with a prose duration',
    'POST',
    '/windows',
    { body: { ...recurring, duration: 'eight hours' } },
    'duration',
  ],
  [
    'a recurring window with an empty rrule',
    'POST',
    '/windows',
    { body: { ...recurring, rrule: '' } },
    'rrule',
  ],
  [
    'a recurring window that ends before it starts',
    'POST',
    '/windows',
    { body: { ...recurring, until: '2026-12-31T00:00:00Z' } },
    'until',
  ],
  [
    'a window scoped to an unknown tier',
    'POST',
    '/windows',
    { body: { ...oneOff, scope: { tiers: ['PROD'] } } },
    'scope.tiers',
  ],
  [
    'a window scoped to environment keys',
    'POST',
    '/windows',
    { body: { ...oneOff, scope: { environmentIds: ['uat-payments'] } } },
    'scope.environmentIds',
  ],
  [
    'a window scoped by group',
    'POST',
    '/windows',
    { body: { ...oneOff, scope: { groups: ['qa'] } } },
    'scope.groups',
  ],
  ['a window with a null scope', 'POST', '/windows', { body: { ...oneOff, scope: null } }, 'scope'],
  // GET /windows
  ['a window list of an unknown kind', 'GET', '/windows?kind=HOLIDAY', {}, 'kind'],
  ['a window list by a bad environmentId', 'GET', '/windows?environmentId=uat', {}, 'environmentId'],
];

/** Ids that cannot name anything are simply not found. */
const NOT_FOUND: [name: string, method: string, path: string, options: RequestOptions][] = [
  ['acknowledge a conflict id that is not a UUID', 'POST', '/conflicts/42/acknowledge', {}],
  [
    'override a conflict id that is not a UUID',
    'POST',
    '/conflicts/42/override',
    { body: { justification: 'long enough reason' } },
  ],
  ['read a booking id that is not a UUID', 'GET', '/bookings/42', {}],
  ['cancel a booking id that is not a UUID', 'DELETE', '/bookings/42', {}],
  ['read a window id that is not a UUID', 'GET', '/windows/not-a-window', {}],
  ['delete a window id that is not a UUID', 'DELETE', '/windows/not-a-window', {}],
  ['free slots of a malformed environment ref', 'GET', '/environments/_bad/free-slots?duration=PT1H', {}],
];

describe('conflicts, bookings, windows, free slots and freeze: bad input is refused by the gateway', () => {
  let api: GatewayOverFakes;

  beforeAll(async () => {
    api = await GatewayOverFakes.start();
    api.answerWith(() => ({ problem: { status: 500, type: 'about:blank', title: 'must not be called' } }));
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
  });

  it.each(REFUSED)(
    'refuses %s: 400 naming the field, before any call',
    async (_case, method, path, options, field) => {
      const before = api.sent().length;
      const response = await api.request(method, path, as('admin'), options);

      expect(response.status).toBe(400);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ status: 400, type: 'https://envrefresh.dev/problems/validation' });
      expect(problem.errors).toEqual(expect.arrayContaining([{ field, message: expect.any(String) }]));
      expect(api.sent()).toHaveLength(before);
    },
  );

  it.each(NOT_FOUND)('answers 404 to %s, before any call', async (_case, method, path, options) => {
    const before = api.sent().length;
    const response = await api.request(method, path, as('admin'), options);

    expect(response.status).toBe(404);
    expect(await problemOf(response)).toMatchObject({ status: 404 });
    expect(api.sent()).toHaveLength(before);
  });

  it('says why in words: a window of both forms, an end before its start, a short justification', async () => {
    const messages = async (method: string, path: string, body: unknown) =>
      (
        (await problemOf(await api.request(method, path, as('admin'), { body }))).errors as {
          message: string;
        }[]
      ).map((error) => error.message);

    expect(await messages('POST', '/windows', { ...recurring, start: oneOff.start })).toEqual([
      expect.stringMatching(/either one-off \(start, end\) or recurring/),
    ]);
    expect(await messages('POST', '/conflicts/check', { ...check, plannedEnd: check.plannedStart })).toEqual([
      'must be after plannedStart',
    ]);
    expect(await messages('POST', `/conflicts/${id}/override`, { justification: 'no' })).toEqual([
      'must say why, in at least 10 characters',
    ]);
  });

  it('answers 401 without a token, before any call', async () => {
    const before = api.sent().length;
    const response = await fetch(`${api.gateway.baseUrl}/api/v1/freeze?environmentId=${environmentId}`);
    expect(response.status).toBe(401);
    expect(api.sent()).toHaveLength(before);
  });
});
