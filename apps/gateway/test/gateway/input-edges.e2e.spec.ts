import { randomUUID } from 'node:crypto';
import { signTestToken } from '../support/test-token';
import { problemOf } from './support/gateway-under-test';
import { GatewayOverFakes, as } from './support/gateway-over-fakes';

const environmentId = randomUUID();
const id = randomUUID();
const intent = {
  environmentId,
  refreshType: 'MASKED_COPY',
  plannedStart: '2031-03-01T22:00:00+01:00',
  plannedEnd: '2031-03-02T02:00:00+01:00',
  reason: 'Masked copy for the regression run',
};
const booking = {
  environmentId,
  start: '2031-03-01T08:00:00Z',
  end: '2031-03-05T18:00:00Z',
  group: 'payments-qa',
  purpose: 'Release testing',
  priority: 'MEDIUM',
};
const window = {
  kind: 'BLACKOUT',
  name: 'Quarter close',
  scope: { environmentIds: [environmentId], tiers: ['UAT'] },
  start: '2031-03-28T00:00:00Z',
  end: '2031-04-02T00:00:00Z',
};

/** JSON text of `body` with `value` (already JSON) in place of the string "@@". */
const withRaw = (body: object, value: string) => JSON.stringify(body).replace('"@@"', value);
/** Body bytes with `bytes` in place of the string "@@"'s content. */
const withBytes = (body: object, bytes: number[]) => {
  const [before, after] = JSON.stringify(body).split('@@');
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
};

interface Edge {
  name: string;
  method: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  status: number;
  /** The field a 400 names. */
  field?: string;
}

const NUL = 'a\u0000b';
const nul = (name: string, method: string, path: string, body: object, field: string): Edge => ({
  name: `a NUL in ${name}`,
  method,
  path,
  body: JSON.stringify(body),
  status: 400,
  field,
});

const EDGES: Edge[] = [
  nul('reason', 'POST', '/intents', { ...intent, reason: NUL }, 'reason'),
  nul('externalRef', 'POST', '/intents', { ...intent, externalRef: NUL }, 'externalRef'),
  nul(
    'a notification group',
    'POST',
    '/intents',
    { ...intent, notificationGroups: ['qa', NUL] },
    'notificationGroups.1',
  ),
  nul(
    'an amended group',
    'PATCH',
    `/intents/${id}`,
    { version: 1, notificationGroups: [NUL] },
    'notificationGroups.0',
  ),
  nul(
    'a justification',
    'POST',
    `/conflicts/${id}/override`,
    { justification: `Release ${NUL} approved` },
    'justification',
  ),
  nul('notes', 'POST', `/intents/${id}/reject`, { version: 1, notes: NUL }, 'notes'),
  nul('a booking purpose', 'POST', '/bookings', { ...booking, purpose: NUL }, 'purpose'),
  nul('a booking group', 'POST', '/bookings', { ...booking, group: NUL }, 'group'),
  nul('a window scope', 'POST', '/windows', { ...window, scope: { tiers: [NUL] } }, 'scope.tiers.0'),
  nul('a member name', 'POST', '/intents', { ...intent, [NUL]: 'x' }, 'a\\u0000b'),
  {
    name: 'a NUL in a query cursor',
    method: 'GET',
    path: '/intents?cursor=a%00b',
    status: 400,
    field: 'cursor',
  },
  {
    name: 'a NUL in a query filter',
    method: 'GET',
    path: `/bookings?group=a%00b`,
    status: 400,
    field: 'group',
  },
  {
    name: 'a NUL in the free-slots duration',
    method: 'GET',
    path: '/environments/uat/free-slots?duration=PT1H%00',
    status: 400,
    field: 'duration',
  },
  {
    name: 'a NUL in a path parameter',
    method: 'GET',
    path: '/environments/uat%00x',
    status: 400,
    field: 'environment',
  },
  {
    name: 'a lone high surrogate (escaped) in reason',
    method: 'POST',
    path: '/intents',
    body: withRaw({ ...intent, reason: '@@' }, '"a\\ud800b"'),
    status: 400,
    field: 'reason',
  },
  {
    name: 'a lone low surrogate in a justification',
    method: 'POST',
    path: `/conflicts/${id}/override`,
    body: JSON.stringify({ justification: 'Release \udc00 approved by the board' }),
    status: 400,
    field: 'justification',
  },
  {
    name: 'a surrogate pair in the wrong order in externalRef',
    method: 'POST',
    path: '/intents',
    body: withRaw({ ...intent, externalRef: '@@' }, '"\\udc00\\ud800"'),
    status: 400,
    field: 'externalRef',
  },
  {
    name: 'a surrogate encoded as raw bytes (ED A0 80) in reason',
    method: 'POST',
    path: '/intents',
    body: withBytes({ ...intent, reason: '@@' }, [0xed, 0xa0, 0x80]),
    status: 400,
    field: 'reason',
  },
  {
    name: 'a byte that is never UTF-8 (FF) in a booking purpose',
    method: 'POST',
    path: '/bookings',
    body: withBytes({ ...booking, purpose: '@@' }, [0xff]),
    status: 400,
    field: 'purpose',
  },
  {
    name: 'arrays nested 2,000 deep in source (4 KB)',
    method: 'POST',
    path: '/intents',
    body: withRaw({ ...intent, source: '@@' }, `${'['.repeat(2000)}${']'.repeat(2000)}`),
    status: 400,
    field: 'source.0.0.0.0.0.0.0',
  },
  {
    name: 'objects nested 2,000 deep in a window scope',
    method: 'POST',
    path: '/windows',
    body: withRaw({ ...window, scope: '@@' }, `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`),
    status: 400,
    field: 'scope.a.a.a.a.a.a.a',
  },
  {
    name: 'a body that is itself nested 2,000 deep',
    method: 'POST',
    path: '/bookings',
    body: `${'['.repeat(2000)}${']'.repeat(2000)}`,
    status: 400,
    field: '0.0.0.0.0.0.0.0',
  },
  // Found by the fuzzing of every route: Fastify's parser refused these as "not valid JSON", naming nothing.
  {
    name: 'a __proto__ member in a booking',
    method: 'POST',
    path: '/bookings',
    body: `{"__proto__":{"isAdmin":true},${JSON.stringify(booking).slice(1)}`,
    status: 400,
    field: '__proto__',
  },
  {
    name: 'a constructor.prototype member in a window scope',
    method: 'POST',
    path: '/windows',
    body: JSON.stringify({ ...window, scope: { constructor: { prototype: { isAdmin: true } } } }),
    status: 400,
    field: 'scope.constructor',
  },
];

const jsonBody = JSON.stringify(booking);
const MEDIA_TYPES: [contentType: string | undefined, status: number][] = [
  ['application/x-www-form-urlencoded', 415],
  ['text/plain', 415],
  ['application/xml', 415],
  ['multipart/form-data; boundary=x', 415],
  ['application/json; charset=iso-8859-1', 415],
  ['application/json; charset=utf-16', 415],
  ['application/jsonx', 415],
  [undefined, 415],
  ['application/json', 201],
  ['application/json; charset=utf-8', 201],
  ['Application/JSON; Charset="UTF-8"', 201],
  ['application/merge-patch+json', 201],
  ['application/vnd.envrefresh+json', 201],
];

const bearer = { authorization: `Bearer ${signTestToken(as('admin'))}` };
const edge = (name: string): Edge => EDGES.find((each) => each.name === name)!;

describe('the input edges: refused at the gateway with a problem naming the field, before any service', () => {
  let api: GatewayOverFakes;

  const send = (edge: Pick<Edge, 'method' | 'path' | 'body' | 'headers'>) =>
    api.request(edge.method, edge.path, as('admin'), {
      rawBody: edge.body as string | undefined,
      headers: edge.headers,
    });

  beforeAll(async () => {
    api = await GatewayOverFakes.start();
    api.answerWith((call) => ({ response: { id, echoed: call.data.payload } }));
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
  });

  it.each(EDGES.map((each) => [each.name, each] as const))(
    '%s: 400 naming the field',
    async (_name, refused) => {
      const before = api.sent().length;
      const response = await send(refused);

      expect(response.status).toBe(refused.status);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ status: 400, type: 'https://envrefresh.dev/problems/validation' });
      expect(problem.errors).toEqual([{ field: refused.field, message: expect.any(String) }]);
      expect(api.sent()).toHaveLength(before);
    },
  );

  it('says what is wrong in words a client can act on', async () => {
    const messageOf = async (refused: Edge) =>
      ((await problemOf(await send(refused))).errors as { message: string }[])[0].message;
    expect(await messageOf(edge('a NUL in reason'))).toBe('must not contain a NUL character (U+0000)');
    expect(await messageOf(edge('a lone high surrogate (escaped) in reason'))).toBe(
      'must be well-formed Unicode text, without a lone surrogate',
    );
    expect(await messageOf(edge('a surrogate encoded as raw bytes (ED A0 80) in reason'))).toBe(
      'is not valid UTF-8',
    );
    expect(await messageOf(edge('arrays nested 2,000 deep in source (4 KB)'))).toBe(
      'nests deeper than 8 levels of objects and arrays',
    );
  });

  it.each(MEDIA_TYPES)('a body sent as %s: %s', async (contentType, status) => {
    const before = api.sent().length;
    const response = await fetch(`${api.gateway.baseUrl}/api/v1/bookings`, {
      method: 'POST',
      headers: {
        authorization: bearer.authorization,
        ...(contentType === undefined ? {} : { 'content-type': contentType }),
      },
      // Without a Content-Type fetch would label a string text/plain; bytes go unlabelled.
      body: contentType === undefined ? Buffer.from(jsonBody) : jsonBody,
    });
    expect(response.status).toBe(status);
    if (status === 415) {
      expect(await problemOf(response)).toMatchObject({
        status: 415,
        title: 'Unsupported Media Type',
        detail: expect.stringContaining('application/json'),
      });
      expect(api.sent()).toHaveLength(before);
    } else {
      expect(api.lastCallTo('conflicts').data.payload).toMatchObject(booking);
    }
  });

  it('passes well-formed text of any script through unchanged: accents, CJK, emoji, a surrogate pair', async () => {
    const reason = 'Régression für Zoë: 数据刷新 ✅ 🎉 (𝄞 U+1D11E)';
    const response = await api.request('POST', '/intents', as('requester'), { body: { ...intent, reason } });
    expect(response.status).toBe(201);
    expect(api.lastCallTo('intents').data.payload).toMatchObject({ reason });
    const cursor = 'équipe-数据-🎉';
    const query = await api.request('GET', `/intents?cursor=${encodeURIComponent(cursor)}`, as('viewer'));
    expect(query.status).toBe(200);
    expect(api.lastCallTo('intents').data.payload).toMatchObject({ cursor });
  });

  it('takes the deepest body the API has (a window scope, maintenance windows)', async () => {
    const response = await api.request('POST', '/windows', as('admin'), { body: window });
    expect(response.status).toBe(201);
    expect(api.lastCallTo('conflicts').data.payload).toMatchObject({ scope: window.scope });
  });

  describe('oversize requests are problem+json too', () => {
    it('a URL longer than the server reads: 414', async () => {
      const response = await fetch(`${api.gateway.baseUrl}/api/v1/intents?cursor=${'a'.repeat(20_000)}`, {
        headers: bearer,
      });
      expect(response.status).toBe(414);
      expect(await problemOf(response)).toMatchObject({ status: 414, title: 'URI Too Long' });
    });

    it('a path segment too long to be an id or key: 414', async () => {
      const response = await api.request('GET', `/environments/${'a'.repeat(300)}`, as('viewer'));
      expect(response.status).toBe(414);
      expect(await problemOf(response)).toMatchObject({ status: 414 });
    });

    it('headers larger than the server reads: 431', async () => {
      const response = await fetch(`${api.gateway.baseUrl}/api/v1/intents`, {
        headers: { ...bearer, 'x-padding': 'a'.repeat(20_000) },
      });
      expect(response.status).toBe(431);
      expect(await problemOf(response)).toMatchObject({
        status: 431,
        title: 'Request Header Fields Too Large',
      });
    });

    it('a path with a broken percent-encoding: 400', async () => {
      const response = await api.request('GET', '/environments/%E0%A4%A', as('viewer'));
      expect(response.status).toBe(400);
      expect(await problemOf(response)).toMatchObject({ status: 400 });
    });
  });
});
