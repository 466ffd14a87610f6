import { randomUUID } from 'node:crypto';
import * as amqp from 'amqplib';
import {
  Page,
  WindowView,
  windowsCreateRpc,
  windowsDeleteRpc,
  windowsGetRpc,
  windowsListRpc,
  eventStreamName,
} from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ConflictsTestBed, SeededEnvironment, actors } from './support/conflicts-test-bed';

describe('conflicts service: blackout and maintenance windows over RPC', () => {
  let bed: ConflictsTestBed;
  let uat: SeededEnvironment;
  let qa: SeededEnvironment;

  beforeAll(async () => {
    bed = await ConflictsTestBed.start(['window.*']);
    uat = await bed.seedEnvironment('UAT');
    qa = await bed.seedEnvironment('QA');
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  const oneOff = (overrides: Record<string, unknown> = {}) => ({
    kind: 'BLACKOUT',
    name: 'Quarter-end close',
    scope: { tiers: ['UAT', 'STAGING'] },
    start: '2030-03-28T00:00:00+01:00',
    end: '2030-04-02T00:00:00+02:00',
    ...overrides,
  });
  const recurring = (overrides: Record<string, unknown> = {}) => ({
    kind: 'MAINTENANCE',
    name: 'Nightly maintenance',
    rrule: 'FREQ=DAILY',
    duration: 'PT8H',
    timezone: 'Europe/Berlin',
    startsAt: '2030-01-01T22:00:00+01:00',
    ...overrides,
  });
  const create = (payload: Record<string, unknown>, idempotencyKey?: string) =>
    bed.call(windowsCreateRpc, {
      actor: actors.admin,
      payload,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  const refusedCreate = (payload: unknown, actor = actors.admin) =>
    bed.problem(windowsCreateRpc, { actor, payload });
  const list = (payload: Record<string, unknown>, actor = actors.viewer): Promise<Page<WindowView>> =>
    bed.call(windowsListRpc, { actor, payload });
  const spanOf = async (id: string) =>
    (
      await bed.db.query<{ start: Date; end: Date | null; unbounded: boolean }>(
        `SELECT lower(span) AS start, upper(span) AS "end", upper_inf(span) AS unbounded
           FROM conflicts.windows WHERE id = $1`,
        [id],
      )
    ).rows[0];

  it('creates a one-off blackout scoped to tiers, and announces it through the outbox', async () => {
    const created = await create(oneOff());
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'BLACKOUT',
      name: 'Quarter-end close',
      scope: { tiers: ['UAT', 'STAGING'] },
      start: '2030-03-27T23:00:00.000Z',
      end: '2030-04-01T22:00:00.000Z',
      createdBy: { sub: 'ada', name: 'Ada Admin', email: 'ada@example.com' },
      createdAt: expect.any(String),
    });
    const { rows } = await bed.db.query(
      `SELECT during = span AS span_is_during, scope_environment_ids, scope_tiers, rrule FROM conflicts.windows
        WHERE id = $1`,
      [created.id],
    );
    expect(rows).toEqual([
      { span_is_during: true, scope_environment_ids: [], scope_tiers: ['UAT', 'STAGING'], rrule: null },
    ]);
    expect(await bed.outboxEventsAbout(created.id)).toEqual([
      expect.objectContaining({ type: 'window.created', source: 'conflicts', data: created }),
    ]);
    await eventually(() =>
      expect(bed.publishedEventsAbout(created.id)).toEqual([
        expect.objectContaining({ type: 'window.created', data: created }),
      ]),
    );
  });

  it('creates a recurring window in its own timezone, startsAt normalised to UTC, and bounds its occurrences', async () => {
    const nightly = await create(
      recurring({
        scope: { environmentIds: [uat.id, uat.id.toUpperCase()] },
        until: '2030-06-30T00:00:00+02:00',
      }),
    );
    expect(nightly).toEqual({
      id: expect.any(String),
      kind: 'MAINTENANCE',
      name: 'Nightly maintenance',
      scope: { environmentIds: [uat.id] },
      rrule: 'FREQ=DAILY',
      duration: 'PT8H',
      timezone: 'Europe/Berlin',
      startsAt: '2030-01-01T21:00:00.000Z',
      until: '2030-06-29T22:00:00.000Z',
      createdBy: { sub: 'ada', name: 'Ada Admin', email: 'ada@example.com' },
      createdAt: expect.any(String),
    });
    const bounded = await spanOf(nightly.id);
    expect(bounded.unbounded).toBe(false);
    // The last night starts 29 June 22:00 local (20:00Z) and ends 30 June 06:00 local (04:00Z).
    expect(bounded.start.getTime()).toBeLessThanOrEqual(Date.parse('2030-01-01T21:00:00Z'));
    expect(bounded.end?.getTime()).toBeGreaterThanOrEqual(Date.parse('2030-06-30T04:00:00Z'));

    // COUNT: the span ends with the last occurrence, 3 January 22:00 + 8 h local = 4 January 05:00Z.
    const threeNights = await create(recurring({ rrule: 'FREQ=DAILY;COUNT=3' }));
    expect((await spanOf(threeNights.id)).end).toEqual(new Date('2030-01-04T05:00:00Z'));

    const forever = await create(recurring({ name: 'Every Saturday', rrule: 'FREQ=WEEKLY;BYDAY=SA' }));
    expect(forever).not.toHaveProperty('until');
    expect(forever.scope).toEqual({});
    expect(await spanOf(forever.id)).toMatchObject({ end: null, unbounded: true });
    expect((await bed.outboxEventsAbout(forever.id)).map((event) => event.data)).toEqual([forever]);
  });

  it('writes the window and its event in one transaction', async () => {
    const name = `atomic ${randomUUID()}`;
    const locker = await bed.lockOutbox();
    let pending: Promise<WindowView> | undefined;
    try {
      pending = create(oneOff({ name }));
      await eventually(async () => expect(await bed.outboxInsertsWaiting()).toBeGreaterThan(0));
      const { rows } = await bed.db.query('SELECT id FROM conflicts.windows WHERE name = $1', [name]);
      expect(rows).toEqual([]);
    } finally {
      await locker.release();
    }
    const created = await (pending as Promise<WindowView>);
    expect((await bed.outboxEventsAbout(created.id)).map((event) => event.type)).toEqual(['window.created']);
  });

  it('leaves windows to admins (403)', async () => {
    for (const actor of [actors.approver, actors.operator, actors.requester]) {
      expect(await refusedCreate(oneOff(), actor)).toMatchObject({
        status: 403,
        code: 'WINDOW.ADMIN_REQUIRED',
      });
    }
    const kept = await create(oneOff({ name: 'kept' }));
    expect(
      await bed.problem(windowsDeleteRpc, { actor: actors.approver, payload: { windowId: kept.id } }),
    ).toMatchObject({ status: 403, code: 'WINDOW.ADMIN_REQUIRED' });
    const { rows } = await bed.db.query('SELECT 1 FROM conflicts.windows WHERE id = $1', [kept.id]);
    expect(rows).toHaveLength(1);
  });

  it('names every wrong field (400), never a 500', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [oneOff({ kind: 'FREEZE' }), ['kind']],
      [oneOff({ name: ' ' }), ['name']],
      [oneOff({ name: 'n'.repeat(201) }), ['name']],
      [oneOff({ color: 'red' }), ['color']],
      [oneOff({ scope: 'UAT' }), ['scope']],
      [
        oneOff({ scope: { environmentIds: [uat.id, 'uat-1'], tiers: ['UAT', 'PROD'], groups: [] } }),
        ['scope.groups', 'scope.environmentIds[1]', 'scope.tiers[1]'],
      ],
      [oneOff({ scope: { environmentIds: 'all' } }), ['scope.environmentIds']],
      [oneOff({ start: '2030-03-28T00:00:00' }), ['start']],
      [oneOff({ end: '2030-03-27T00:00:00Z' }), ['end']],
      [oneOff({ end: '2031-03-30T00:00:00Z' }), ['end']],
      [oneOff({ end: undefined }), ['end']],
      [{ ...oneOff(), rrule: 'FREQ=DAILY' }, ['start', 'end']],
      [{ kind: 'BLACKOUT', name: 'no timing' }, ['start', 'end']],
      [recurring({ rrule: 'EVERY SATURDAY' }), ['rrule']],
      [recurring({ rrule: 'FREQ=FORTNIGHTLY' }), ['rrule']],
      [recurring({ rrule: 'FREQ=DAILY;BYDAY=XX' }), ['rrule']],
      [recurring({ timezone: 'Mars/Olympus_Mons' }), ['timezone']],
      [recurring({ duration: '8 hours' }), ['duration']],
      [recurring({ duration: 'P32D', rrule: 'FREQ=YEARLY' }), ['duration']],
      [recurring({ duration: 'P2D' }), ['duration']],
      [recurring({ startsAt: 'tomorrow' }), ['startsAt']],
      [recurring({ until: '2029-12-31T00:00:00Z' }), ['until']],
      [recurring({ rrule: undefined, timezone: undefined }), ['timezone', 'rrule']],
    ];
    for (const [payload, fields] of cases) {
      const refused = await refusedCreate(JSON.parse(JSON.stringify(payload)));
      expect({ payload, status: refused.status, code: refused.code }).toEqual({
        payload: expect.anything(),
        status: 400,
        code: 'WINDOW.INVALID',
      });
      expect({ payload, fields: refused.errors?.map((error) => error.field).sort() }).toEqual({
        payload,
        fields: [...fields].sort(),
      });
    }
    expect((await refusedCreate(oneOff({ end: '2031-03-30T00:00:00Z' }))).errors).toEqual([
      { field: 'end', message: 'must be at most 366 days after start' },
    ]);
    expect((await refusedCreate(recurring({ timezone: 'Mars/Olympus_Mons' }))).errors).toEqual([
      { field: 'timezone', message: expect.stringContaining('IANA timezone') },
    ]);
    expect(await refusedCreate('a window')).toMatchObject({ status: 400, errors: [{ field: 'body' }] });
    const { rows } = await bed.db.query(
      `SELECT count(*)::int AS count FROM conflicts.windows WHERE name = 'no timing'`,
    );
    expect(rows[0].count).toBe(0);
  });

  // ADR 0014: unknown ids are asked of intents, which this bed does not run, so the refusal fails
  // closed (503); with intents running, ids it does not know either are the 400
  // WINDOW.UNKNOWN_ENVIRONMENT by position (apps/gateway/test/conflicts/conflicts-bad-input.e2e.spec.ts).
  it('refuses scope.environmentIds naming environments it cannot confirm (503, owner unreachable), without a trace', async () => {
    const ghost = randomUUID();
    const name = `ghostly ${ghost}`;
    const refused = await refusedCreate(
      oneOff({ name, scope: { environmentIds: [uat.id, ghost, qa.id, ghost] } }),
    );
    expect(refused).toMatchObject({ status: 503, code: 'PROJECTION.OWNER_UNAVAILABLE' });
    const windows = await bed.db.query('SELECT 1 FROM conflicts.windows WHERE name = $1', [name]);
    const events = await bed.db.query(
      `SELECT 1 FROM conflicts.outbox WHERE payload -> 'data' ->> 'name' = $1`,
      [name],
    );
    expect([windows.rows, events.rows]).toEqual([[], []]);
  });

  it('replays the first answer for a repeated Idempotency-Key, and refuses the key with another body (422)', async () => {
    const key = `window-${randomUUID()}`;
    const name = `idempotent ${key}`;
    const first = await create(recurring({ name }), key);
    expect(await create(recurring({ name }), key)).toEqual(first);
    const { rows } = await bed.db.query('SELECT id FROM conflicts.windows WHERE name = $1', [name]);
    expect(rows).toEqual([{ id: first.id }]);
    expect(await bed.outboxEventsAbout(first.id)).toHaveLength(1);
    expect(
      await bed.problem(windowsCreateRpc, {
        actor: actors.admin,
        payload: recurring({ name, duration: 'PT4H' }),
        idempotencyKey: key,
      }),
    ).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('reads one window by id for every role, in either form; 404 for unknown, malformed or deleted ids', async () => {
    const get = (windowId: unknown, actor = actors.viewer) =>
      bed.call(windowsGetRpc, { actor, payload: { windowId } });
    const blackout = await create(oneOff({ name: 'read back', scope: { environmentIds: [uat.id] } }));
    const nightly = await create(recurring({ name: 'read back nightly', until: '2030-06-30T00:00:00Z' }));
    for (const actor of [actors.viewer, actors.requester, actors.operator, actors.admin]) {
      expect(await get(blackout.id, actor)).toEqual(blackout);
    }
    expect(await get(nightly.id.toUpperCase())).toEqual(nightly);

    await bed.call(windowsDeleteRpc, { actor: actors.admin, payload: { windowId: blackout.id } });
    for (const windowId of [blackout.id, randomUUID(), 'not-a-uuid', 42, undefined]) {
      expect(await bed.problem(windowsGetRpc, { actor: actors.viewer, payload: { windowId } })).toMatchObject(
        {
          status: 404,
          code: 'WINDOW.NOT_FOUND',
        },
      );
    }
  });

  it('deletes a window, keeping its row marked by whom and when and announcing it so; 404 for unknown ids', async () => {
    const doomed = await create(
      recurring({ name: 'doomed', scope: { environmentIds: [qa.id], tiers: ['QA'] } }),
    );
    const deleted = await bed.call(windowsDeleteRpc, {
      actor: actors.admin,
      payload: { windowId: doomed.id },
    });
    expect(deleted).toEqual({
      ...doomed,
      deletedAt: expect.any(String),
      deletedBy: { sub: 'ada', name: 'Ada Admin', email: 'ada@example.com' },
    });
    const { rows } = await bed.db.query(
      'SELECT deleted_at, deleted_by FROM conflicts.windows WHERE id = $1',
      [doomed.id],
    );
    expect(rows).toEqual([{ deleted_at: new Date(deleted.deletedAt!), deleted_by: deleted.deletedBy }]);
    expect((await bed.outboxEventsAbout(doomed.id)).map((event) => [event.type, event.data])).toEqual([
      ['window.created', doomed],
      ['window.deleted', deleted],
    ]);
    await eventually(() =>
      expect(bed.publishedEventsAbout(doomed.id).map((event) => event.type)).toEqual([
        'window.created',
        'window.deleted',
      ]),
    );
    for (const windowId of [doomed.id, randomUUID(), 'not-a-uuid']) {
      expect(
        await bed.problem(windowsDeleteRpc, { actor: actors.admin, payload: { windowId } }),
      ).toMatchObject({ status: 404, code: 'WINDOW.NOT_FOUND' });
    }
    expect(await bed.outboxEventsAbout(doomed.id)).toHaveLength(2);
  });

  it('keeps what it publishes in the event stream, which a consumer bound late replays from the start', async () => {
    const window = await create(oneOff({ name: 'Seen by a late consumer' }));
    const connection = await amqp.connect(bed.amqpUrl);
    try {
      const channel = await connection.createChannel();
      await channel.prefetch(100);
      const replayed: { type: string; id: string }[] = [];
      await channel.consume(
        eventStreamName(bed.namespace),
        (message) => {
          if (!message) return;
          const event = JSON.parse(message.content.toString()) as { type: string; data: { id: string } };
          replayed.push({ type: event.type, id: event.data.id });
          channel.ack(message);
        },
        { arguments: { 'x-stream-offset': 'first' } },
      );
      await eventually(() => expect(replayed).toContainEqual({ type: 'window.created', id: window.id }));
    } finally {
      await connection.close();
    }
  });

  describe('listing', () => {
    let perf: SeededEnvironment;
    let other: SeededEnvironment;
    const made: Record<string, WindowView> = {};

    beforeAll(async () => {
      perf = await bed.seedEnvironment('PERF');
      other = await bed.seedEnvironment('PERF');
      await bed.db.query('DELETE FROM conflicts.windows');
      made.global = await create(oneOff({ name: 'global', scope: {} }));
      made.byTier = await create(recurring({ name: 'by tier', scope: { tiers: ['PERF'] } }));
      made.byId = await create(
        oneOff({ name: 'by id', kind: 'MAINTENANCE', scope: { environmentIds: [perf.id] } }),
      );
      made.otherTier = await create(oneOff({ name: 'other tier', scope: { tiers: ['QA', 'UAT'] } }));
      made.otherId = await create(oneOff({ name: 'other id', scope: { environmentIds: [other.id] } }));
    });

    /** Names of the given windows, newest first (creation time, then id, as the list orders them). */
    const newestFirst = (...keys: string[]) =>
      keys
        .map((key) => made[key])
        .sort((a, b) =>
          a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
        )
        .map((window) => window.name);

    it('lists newest first, page by page with an opaque cursor; every role may read', async () => {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<WindowView> = await list({ limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        names.push(...page.items.map((item) => item.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(names).toEqual(newestFirst('global', 'byTier', 'byId', 'otherTier', 'otherId'));
    });

    it('filters by kind, and by the environment a window covers: by id, by its tier, or globally', async () => {
      const covering = await list({ environmentId: perf.id }, actors.requester);
      expect(covering.items.map((item) => item.name)).toEqual(newestFirst('global', 'byTier', 'byId'));
      expect(covering.items.find((item) => item.name === 'by tier')).toEqual(made.byTier);
      const coveringQa = await list({ environmentId: qa.id });
      expect(coveringQa.items.map((item) => item.name)).toEqual(newestFirst('global', 'otherTier'));
      // An environment the service does not know has no tier: only global windows cover it.
      const coveringUnknown = await list({ environmentId: randomUUID() });
      expect(coveringUnknown.items.map((item) => item.name)).toEqual(['global']);
      const maintenance = await list({ kind: 'MAINTENANCE' });
      expect(maintenance.items.map((item) => item.name)).toEqual(newestFirst('byTier', 'byId'));
      const perfBlackouts = await list({ kind: 'BLACKOUT', environmentId: perf.id });
      expect(perfBlackouts.items.map((item) => item.name)).toEqual(['global']);
    });

    it('names each wrong filter (400)', async () => {
      const refused = await bed.problem(windowsListRpc, {
        actor: actors.viewer,
        payload: { kind: 'FREEZE', environmentId: 'perf', limit: 0, cursor: '!!' },
      });
      expect(refused).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
      expect(refused.errors?.map((error) => error.field).sort()).toEqual([
        'cursor',
        'environmentId',
        'kind',
        'limit',
      ]);
    });
  });
});
