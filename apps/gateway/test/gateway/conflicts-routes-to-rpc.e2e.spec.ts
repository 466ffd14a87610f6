import { randomUUID } from 'node:crypto';
import {
  ConflictCheckView,
  FreeSlotsView,
  FreezeView,
  bookingCancelledEvent,
  bookingCreatedEvent,
  conflictAcknowledgedEvent,
  conflictDetectedEvent,
  conflictOverriddenEvent,
  windowCreatedEvent,
  windowDeletedEvent,
} from '@envrefresh/contracts';
import { FakeAnswer } from './support/fake-rpc-service';
import { problemOf } from './support/gateway-under-test';
import { GatewayOverFakes, RequestOptions, as } from './support/gateway-over-fakes';

const ENVIRONMENT_ID = conflictDetectedEvent.example.environmentId;
const CONFLICT_ID = randomUUID();
const BOOKING = { ...bookingCreatedEvent.example, id: randomUUID() };
const WINDOW = { ...windowCreatedEvent.example, id: randomUUID() };

const finding = {
  type: 'BLACKOUT',
  severity: 'BLOCKING',
  rule: 'BLACKOUT',
  explanation: 'Quarter-end close blacks out UAT and STAGING from 2027-03-28T00:00Z to 2027-04-02T00:00Z.',
  relatedRef: { kind: 'WINDOW', id: WINDOW.id },
  window: { start: '2027-03-28T00:00:00Z', end: '2027-03-29T00:00:00Z' },
} as const;
const CHECK: ConflictCheckView = {
  environmentId: ENVIRONMENT_ID,
  window: { start: '2027-03-27T22:00:00Z', end: '2027-03-29T00:00:00Z' },
  blocking: true,
  conflicts: [finding],
};
const SLOTS: FreeSlotsView = {
  environmentId: ENVIRONMENT_ID,
  duration: 'PT4H',
  from: '2027-03-01T00:00:00Z',
  to: '2027-03-08T00:00:00Z',
  slots: [
    { start: '2027-03-01T00:00:00Z', end: '2027-03-01T04:00:00Z', availableUntil: '2027-03-01T09:00:00Z' },
  ],
};
const FREEZE: FreezeView = {
  environmentId: ENVIRONMENT_ID,
  at: '2027-03-28T10:00:00Z',
  frozen: true,
  reasons: [finding],
  stableUntil: '2027-03-28T11:00:00Z',
};
const page = (item: unknown) => ({ items: [item], nextCursor: 'next-page' });

/** What the fake conflicts service answers to each pattern: what the route must hand back untouched. */
const REPLIES: Record<string, unknown> = {
  'conflicts.check': CHECK,
  'conflicts.list': page(conflictDetectedEvent.example),
  'conflicts.acknowledge': conflictAcknowledgedEvent.example,
  'conflicts.override': conflictOverriddenEvent.example,
  'conflicts.free-slots': SLOTS,
  'conflicts.freeze': FREEZE,
  'conflicts.bookings.create': BOOKING,
  'conflicts.bookings.list': page(BOOKING),
  'conflicts.bookings.get': { ...bookingCancelledEvent.example, id: BOOKING.id },
  'conflicts.bookings.cancel': { ...bookingCancelledEvent.example, id: BOOKING.id },
  'conflicts.windows.create': WINDOW,
  'conflicts.windows.list': page(windowDeletedEvent.example),
  'conflicts.windows.get': WINDOW,
  'conflicts.windows.delete': { ...windowDeletedEvent.example, id: WINDOW.id },
};
/** A test's name for a route: its method and path template. */
const routeName = (route: Route) =>
  `${route.method} ${route.path.split('?')[0].replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi, '{id}')}`;

const answerByPattern = ({ pattern }: { pattern: string }): FakeAnswer =>
  pattern in REPLIES
    ? { response: REPLIES[pattern] }
    : { problem: { status: 500, type: 'about:blank', title: `unexpected ${pattern}` } };

const sourceEnvironmentId = randomUUID();
const intentId = randomUUID();
const checkBody = {
  environmentId: ENVIRONMENT_ID,
  plannedStart: '2027-03-27T23:00:00+01:00',
  plannedEnd: '2027-03-29T01:00:00+01:00',
  excludeIntentId: intentId,
  source: { environmentId: sourceEnvironmentId, snapshot: 'prod-2027-03-01' },
};
const bookingBody = {
  environmentId: ENVIRONMENT_ID,
  start: '2027-03-01T08:00:00+01:00',
  end: '2027-03-05T18:00:00+01:00',
  group: 'payments-qa',
  purpose: 'Release 4.2 regression testing',
  priority: 'HIGH',
};
const oneOffWindow = {
  kind: 'BLACKOUT',
  name: 'Quarter-end close',
  scope: { tiers: ['UAT', 'STAGING'], environmentIds: [ENVIRONMENT_ID] },
  start: '2027-03-28T00:00:00Z',
  end: '2027-04-02T00:00:00Z',
};
const recurringWindow = {
  kind: 'MAINTENANCE',
  name: 'Nightly maintenance',
  rrule: 'FREQ=DAILY',
  duration: 'PT8H',
  timezone: 'Europe/Berlin',
  startsAt: '2027-01-01T22:00:00+01:00',
  until: '2027-12-31T22:00:00+01:00',
};

interface Route {
  method: string;
  path: string;
  options?: RequestOptions;
  /** The lowest role on the ladder that may call it, and roles that may not. */
  role: string;
  refused: string[][];
  pattern: string;
  payload: Record<string, unknown>;
  status: 200 | 201;
}

/** Every new route, called well-formed: what it must send and who may call it. */
const ROUTES: Route[] = [
  {
    method: 'POST',
    path: '/conflicts/check',
    options: { body: checkBody },
    role: 'viewer',
    refused: [[]],
    pattern: 'conflicts.check',
    payload: checkBody,
    status: 200,
  },
  {
    method: 'GET',
    path: `/conflicts?status=OPEN&environmentId=${ENVIRONMENT_ID}&intentId=${intentId}&limit=5&cursor=abc`,
    role: 'viewer',
    refused: [[]],
    pattern: 'conflicts.list',
    payload: { status: 'OPEN', environmentId: ENVIRONMENT_ID, intentId, limit: 5, cursor: 'abc' },
    status: 200,
  },
  {
    method: 'POST',
    path: `/conflicts/${CONFLICT_ID}/acknowledge`,
    options: { body: { notes: 'Told the payments team' } },
    role: 'approver',
    refused: [['requester'], ['operator']],
    pattern: 'conflicts.acknowledge',
    payload: { conflictId: CONFLICT_ID, notes: 'Told the payments team' },
    status: 200,
  },
  {
    method: 'POST',
    path: `/conflicts/${CONFLICT_ID}/override`,
    options: { body: { justification: '  Release testing agreed to pause for it.  ' } },
    role: 'approver',
    refused: [['requester'], ['operator']],
    pattern: 'conflicts.override',
    payload: { conflictId: CONFLICT_ID, justification: 'Release testing agreed to pause for it.' },
    status: 200,
  },
  {
    method: 'GET',
    path:
      '/environments/uat-payments/free-slots?duration=PT4H&from=2027-03-01T00:00:00Z&to=2027-03-08T00:00:00%2B01:00' +
      `&limit=3&sourceEnvironmentId=${sourceEnvironmentId}&sourceSnapshot=prod-2027-03-01`,
    role: 'viewer',
    refused: [[]],
    pattern: 'conflicts.free-slots',
    payload: {
      environment: 'uat-payments',
      duration: 'PT4H',
      from: '2027-03-01T00:00:00Z',
      to: '2027-03-08T00:00:00+01:00',
      limit: 3,
      source: { environmentId: sourceEnvironmentId, snapshot: 'prod-2027-03-01' },
    },
    status: 200,
  },
  {
    method: 'GET',
    path: `/freeze?environmentId=${ENVIRONMENT_ID}&at=2027-03-28T10:00:00Z`,
    role: 'viewer',
    refused: [[]],
    pattern: 'conflicts.freeze',
    payload: { environmentId: ENVIRONMENT_ID, at: '2027-03-28T10:00:00Z' },
    status: 200,
  },
  {
    method: 'POST',
    path: '/bookings',
    options: { body: bookingBody },
    role: 'requester',
    refused: [['viewer'], ['operator']],
    pattern: 'conflicts.bookings.create',
    payload: bookingBody,
    status: 201,
  },
  {
    method: 'GET',
    path:
      `/bookings?environmentId=${ENVIRONMENT_ID}&group=payments-qa&from=2027-03-01T00:00:00Z` +
      '&to=2027-04-01T00:00:00Z&includeCancelled=true&limit=2&cursor=c1',
    role: 'viewer',
    refused: [[]],
    pattern: 'conflicts.bookings.list',
    payload: {
      environmentId: ENVIRONMENT_ID,
      group: 'payments-qa',
      from: '2027-03-01T00:00:00Z',
      to: '2027-04-01T00:00:00Z',
      includeCancelled: true,
      limit: 2,
      cursor: 'c1',
    },
    status: 200,
  },
  {
    method: 'GET',
    path: `/bookings/${BOOKING.id.toUpperCase()}`,
    role: 'viewer',
    refused: [[]],
    pattern: 'conflicts.bookings.get',
    payload: { bookingId: BOOKING.id },
    status: 200,
  },
  {
    method: 'DELETE',
    path: `/bookings/${BOOKING.id.toUpperCase()}`,
    role: 'requester',
    refused: [['viewer'], ['operator']],
    pattern: 'conflicts.bookings.cancel',
    payload: { bookingId: BOOKING.id },
    status: 200,
  },
  {
    method: 'POST',
    path: '/windows',
    options: { body: oneOffWindow },
    role: 'admin',
    refused: [['approver'], ['operator']],
    pattern: 'conflicts.windows.create',
    payload: oneOffWindow,
    status: 201,
  },
  {
    method: 'GET',
    path: `/windows?kind=BLACKOUT&environmentId=${ENVIRONMENT_ID}&limit=10`,
    role: 'viewer',
    refused: [[]],
    pattern: 'conflicts.windows.list',
    payload: { kind: 'BLACKOUT', environmentId: ENVIRONMENT_ID, limit: 10 },
    status: 200,
  },
  {
    method: 'GET',
    path: `/windows/${WINDOW.id}`,
    role: 'viewer',
    refused: [[]],
    pattern: 'conflicts.windows.get',
    payload: { windowId: WINDOW.id },
    status: 200,
  },
  {
    method: 'DELETE',
    path: `/windows/${WINDOW.id}`,
    role: 'admin',
    refused: [['approver'], ['requester']],
    pattern: 'conflicts.windows.delete',
    payload: { windowId: WINDOW.id },
    status: 200,
  },
];

describe('conflicts, bookings, windows, free slots and freeze: what each route sends to the conflicts service', () => {
  let api: GatewayOverFakes;

  beforeAll(async () => {
    api = await GatewayOverFakes.start();
    api.answerWith(answerByPattern);
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
  });

  it.each(ROUTES.map((route) => [routeName(route), route] as const))(
    '%s sends its pattern and payload with the actor and the request id, and returns the reply',
    async (_name, route) => {
      const requestId = `conflicts-${randomUUID()}`;
      const caller = { sub: 'carol', roles: [route.role], groups: ['payments-qa'] };
      const response = await api.request(route.method, route.path, caller, {
        ...route.options,
        headers: { 'x-request-id': requestId },
      });

      expect(response.status).toBe(route.status);
      expect(await response.json()).toEqual(REPLIES[route.pattern]);
      expect(api.lastCallTo('conflicts')).toEqual({
        pattern: route.pattern,
        data: { actor: caller, correlationId: requestId, payload: route.payload },
      });
    },
  );

  it.each(ROUTES.map((route) => [routeName(route), route] as const))(
    '%s: refused (403) below its role, never reaching a service; allowed to admin',
    async (_name, route) => {
      for (const roles of route.refused) {
        const before = api.sent().length;
        const response = await api.request(route.method, route.path, as(...roles), route.options);
        expect({ roles, status: response.status }).toEqual({ roles, status: 403 });
        expect(await problemOf(response)).toMatchObject({ detail: `This needs the ${route.role} role` });
        expect(api.sent()).toHaveLength(before);
      }
      const response = await api.request(route.method, route.path, as('admin'), route.options);
      expect(response.status).toBe(route.status);
    },
  );

  it('reads includeCancelled=false as false, not as a non-empty string', async () => {
    expect((await api.request('GET', '/bookings?includeCancelled=false', as('viewer'))).status).toBe(200);
    expect(api.lastCallTo('conflicts').data.payload).toEqual({ includeCancelled: false });
  });

  it('leaves source out of a free-slot search that names none, and sends a snapshot alone', async () => {
    const path = `/environments/${ENVIRONMENT_ID}/free-slots?duration=P1DT2H`;
    expect((await api.request('GET', path, as('viewer'))).status).toBe(200);
    expect(api.lastCallTo('conflicts').data.payload).toEqual({
      environment: ENVIRONMENT_ID,
      duration: 'P1DT2H',
    });

    expect((await api.request('GET', `${path}&sourceSnapshot=golden`, as('viewer'))).status).toBe(200);
    expect(api.lastCallTo('conflicts').data.payload).toEqual({
      environment: ENVIRONMENT_ID,
      duration: 'P1DT2H',
      source: { snapshot: 'golden' },
    });
  });

  it('acknowledges without a body: notes are optional', async () => {
    const response = await api.request('POST', `/conflicts/${CONFLICT_ID}/acknowledge`, as('approver'));
    expect(response.status).toBe(200);
    expect(api.lastCallTo('conflicts').data.payload).toEqual({ conflictId: CONFLICT_ID });
  });

  it.each([
    ['a booking', '/bookings', bookingBody, `/api/v1/bookings/${BOOKING.id}`, 'requester'],
    ['a one-off window', '/windows', oneOffWindow, `/api/v1/windows/${WINDOW.id}`, 'admin'],
    ['a recurring window', '/windows', recurringWindow, `/api/v1/windows/${WINDOW.id}`, 'admin'],
  ])(
    'creates %s: 201, Location, and the Idempotency-Key passed along',
    async (_case, path, body, location, role) => {
      const key = `key-${randomUUID()}`;
      const response = await api.request('POST', path, as(role), {
        body,
        headers: { 'idempotency-key': key },
      });

      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(location);
      expect(api.lastCallTo('conflicts').data).toMatchObject({ idempotencyKey: key, payload: body });
    },
  );

  it('sends no idempotencyKey when the caller sent none', async () => {
    expect((await api.request('POST', '/bookings', as('requester'), { body: bookingBody })).status).toBe(201);
    expect(api.lastCallTo('conflicts').data).not.toHaveProperty('idempotencyKey');
  });

  it.each([
    [
      'a 409 for acknowledging a BLOCKING conflict',
      'POST',
      `/conflicts/${CONFLICT_ID}/acknowledge`,
      {
        status: 409,
        type: 'https://envrefresh.dev/problems/conflict-not-acknowledgeable',
        title: 'Conflict',
        detail: 'A BLOCKING conflict is overridden, not acknowledged',
        code: 'CONFLICT.NOT_ACKNOWLEDGEABLE',
      },
    ],
    [
      'a 400 naming rrule',
      'POST',
      '/windows',
      {
        status: 400,
        type: 'https://envrefresh.dev/problems/validation',
        title: 'Invalid request',
        errors: [{ field: 'rrule', message: 'is not an RFC 5545 RRULE: unknown FREQ "HOURLYISH"' }],
      },
    ],
    [
      'a 404 for an environment it does not know',
      'GET',
      '/environments/no-such-env/free-slots?duration=PT1H',
      { status: 404, type: 'about:blank', title: 'Not Found', detail: 'No such environment' },
    ],
    [
      'a 404 for a booking it does not know',
      'GET',
      `/bookings/${BOOKING.id}`,
      {
        status: 404,
        type: 'https://envrefresh.dev/problems/booking-not-found',
        title: 'Not Found',
        detail: `No booking has the id ${BOOKING.id}`,
        code: 'BOOKING.NOT_FOUND',
      },
    ],
    [
      'a 404 for a window it does not know',
      'GET',
      `/windows/${WINDOW.id}`,
      {
        status: 404,
        type: 'https://envrefresh.dev/problems/window-not-found',
        title: 'Not Found',
        detail: `No window has the id ${WINDOW.id}`,
        code: 'WINDOW.NOT_FOUND',
      },
    ],
    [
      'a 403 for booking for a group the caller is not in',
      'POST',
      '/bookings',
      {
        status: 403,
        type: 'about:blank',
        title: 'Forbidden',
        detail: 'You may only book for your own groups',
      },
    ],
  ])("relays the conflicts service's problem as it was sent: %s", async (_case, method, path, problem) => {
    api.answerWith(() => ({ problem }));
    try {
      const body =
        path === '/windows'
          ? { ...recurringWindow, rrule: 'FREQ=HOURLYISH' }
          : path === '/bookings'
            ? bookingBody
            : undefined;
      const response = await api.request(method, path, as('admin'), { body });
      expect(response.status).toBe(problem.status);
      expect(await problemOf(response)).toMatchObject(problem);
    } finally {
      api.answerWith(answerByPattern);
    }
  });

  it('relays a busy 503 with its Retry-After, so a client knows nothing happened and when to send it again', async () => {
    const busy = {
      status: 503,
      type: 'https://envrefresh.dev/problems/conflicts-recomputation-busy',
      title: 'Service Unavailable',
      detail: 'Conflicts are being recomputed for other changes; nothing was changed',
      code: 'CONFLICTS.RECOMPUTATION_BUSY',
      retryAfterSeconds: 1,
    };
    api.answerWith(() => ({ problem: busy }));
    try {
      const response = await api.request('POST', '/bookings', as('requester'), { body: bookingBody });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await problemOf(response)).toMatchObject(busy);
    } finally {
      api.answerWith(answerByPattern);
    }
  });
});
