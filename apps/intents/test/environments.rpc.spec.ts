import {
  EnvironmentView,
  environmentsCreateRpc,
  environmentsGetRpc,
  environmentsListRpc,
  environmentsUpdateRpc,
} from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { IntentsTestBed, actors } from './support/intents-test-bed';

describe('intents service: the environment catalog over RPC', () => {
  let bed: IntentsTestBed;

  beforeAll(async () => {
    bed = await IntentsTestBed.start();
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  const update = (environment: string, patch: Record<string, unknown>, actor = actors.admin) =>
    bed.call(environmentsUpdateRpc, { actor, payload: { environment, patch } });
  const refusedUpdate = (environment: string, patch: Record<string, unknown>, actor = actors.admin) =>
    bed.problem(environmentsUpdateRpc, { actor, payload: { environment, patch } });

  it('creates an environment with defaults, finds it by id and by key, and announces it', async () => {
    const created = await bed.createEnvironment({
      key: 'uat-ledger',
      maintenanceWindows: [
        {
          name: 'Weekend nights',
          rrule: 'FREQ=WEEKLY;BYDAY=SA,SU',
          duration: 'PT8H',
          timezone: 'Europe/Paris',
          startsAt: '2030-01-05T22:00:00+01:00',
        },
      ],
      timezone: 'Europe/Paris',
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      key: 'uat-ledger',
      name: 'Environment uat-ledger',
      tier: 'UAT',
      ownerGroup: 'payments',
      dependsOn: [],
      maintenanceWindows: [expect.objectContaining({ rrule: 'FREQ=WEEKLY;BYDAY=SA,SU' })],
      requiresApproval: true,
      timezone: 'Europe/Paris',
      reminderLeadTimes: ['P7D', 'P1D', 'PT1H'],
      overrunGrace: 'PT30M',
      lastRefreshedAt: null,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(
      await bed.call(environmentsGetRpc, { actor: actors.viewer, payload: { environment: created.id } }),
    ).toEqual(created);
    expect(
      await bed.call(environmentsGetRpc, { actor: actors.viewer, payload: { environment: 'uat-ledger' } }),
    ).toEqual(created);
    await eventually(() =>
      expect(bed.eventsAbout(created.id)).toEqual([
        expect.objectContaining({ type: 'environment.upserted', data: created }),
      ]),
    );
  });

  it('leaves the catalog to admins (403), and answers 404 for an unknown id or key', async () => {
    const refused = await bed.problem(environmentsCreateRpc, {
      actor: actors.approver,
      payload: { key: 'qa-x', name: 'x', tier: 'QA', ownerGroup: 'qa' },
    });
    expect(refused).toMatchObject({ status: 403, code: 'ENVIRONMENT.ADMIN_REQUIRED' });
    expect(await refusedUpdate('uat-ledger', { name: 'mine now' }, actors.operator)).toMatchObject({
      status: 403,
    });
    for (const environment of ['no-such-env', '00000000-0000-4000-8000-000000000000']) {
      expect(
        await bed.problem(environmentsGetRpc, { actor: actors.viewer, payload: { environment } }),
      ).toMatchObject({
        status: 404,
        code: 'ENVIRONMENT.NOT_FOUND',
      });
    }
  });

  it('refuses a taken key (409), bad fields by name (400), and unknown dependencies (400 naming dependsOn)', async () => {
    expect(
      await bed.problem(environmentsCreateRpc, {
        actor: actors.admin,
        payload: { key: 'uat-ledger', name: 'again', tier: 'UAT', ownerGroup: 'x' },
      }),
    ).toMatchObject({
      status: 409,
      code: 'ENVIRONMENT.KEY_TAKEN',
    });
    const invalid = await bed.problem(environmentsCreateRpc, {
      actor: actors.admin,
      payload: {
        key: 'Bad Key',
        name: 'x',
        tier: 'PROD',
        ownerGroup: 'qa',
        timezone: 'Atlantis/Capital',
        maintenanceWindows: [{ start: '2030-01-02T00:00:00Z', end: '2030-01-01T00:00:00Z' }],
      },
    });
    expect(invalid).toMatchObject({
      status: 400,
      code: 'ENVIRONMENT.INVALID',
      type: 'https://envrefresh.dev/problems/validation',
    });
    expect(invalid.errors?.map((error) => error.field)).toEqual([
      'key',
      'tier',
      'maintenanceWindows[0].end',
      'timezone',
    ]);
    const unknown = await bed.problem(environmentsCreateRpc, {
      actor: actors.admin,
      payload: {
        key: 'uat-web',
        name: 'Web',
        tier: 'UAT',
        ownerGroup: 'web',
        dependsOn: ['uat-ledger', 'uat-ghost'],
      },
    });
    expect(unknown).toMatchObject({
      status: 400,
      code: 'ENVIRONMENT.UNKNOWN_DEPENDENCY',
      errors: [{ field: 'dependsOn', message: expect.stringContaining('"uat-ghost"') }],
    });
  });

  it('keeps the dependency graph acyclic, through PATCH too, and explains the cycle', async () => {
    await bed.createEnvironment({ key: 'cyc-a' });
    await bed.createEnvironment({ key: 'cyc-b', dependsOn: ['cyc-a'] });
    await bed.createEnvironment({ key: 'cyc-c', dependsOn: ['cyc-b'] });
    const cycle = await refusedUpdate('cyc-a', { dependsOn: ['cyc-c'] });
    expect(cycle).toMatchObject({ status: 400, code: 'ENVIRONMENT.DEPENDENCY_CYCLE' });
    expect(cycle.errors).toEqual([
      { field: 'dependsOn', message: expect.stringContaining('cyc-a → cyc-c → cyc-b → cyc-a') },
    ]);
    expect(await refusedUpdate('cyc-b', { dependsOn: ['cyc-b'] })).toMatchObject({
      code: 'ENVIRONMENT.DEPENDENCY_CYCLE',
    });
    const selfOnCreate = await bed.problem(environmentsCreateRpc, {
      actor: actors.admin,
      payload: { key: 'cyc-self', name: 'x', tier: 'QA', ownerGroup: 'qa', dependsOn: ['cyc-self'] },
    });
    expect(selfOnCreate).toMatchObject({ code: 'ENVIRONMENT.DEPENDENCY_CYCLE' });
    const unchanged = await bed.call(environmentsGetRpc, {
      actor: actors.viewer,
      payload: { environment: 'cyc-a' },
    });
    expect(unchanged).toMatchObject({ dependsOn: [], version: 1 });
  });

  it('changes an environment with PATCH, bumping its version and announcing it; the key stays', async () => {
    const before = await bed.call(environmentsGetRpc, {
      actor: actors.viewer,
      payload: { environment: 'cyc-c' },
    });
    const after = await update(before.id, {
      requiresApproval: false,
      reminderLeadTimes: ['P2D'],
      overrunGrace: 'PT2H',
      dependsOn: ['cyc-a', 'cyc-b'],
    });
    expect(after).toMatchObject({
      key: 'cyc-c',
      requiresApproval: false,
      reminderLeadTimes: ['P2D'],
      overrunGrace: 'PT2H',
      dependsOn: ['cyc-a', 'cyc-b'],
      version: 2,
    });
    expect(await refusedUpdate('cyc-c', { key: 'renamed' })).toMatchObject({
      status: 400,
      errors: [{ field: 'key', message: expect.any(String) }],
    });
    await eventually(() =>
      expect(bed.eventsAbout(before.id).map((event) => event.data.version)).toEqual([1, 2]),
    );
  });

  it('lists by key with an opaque cursor, and filters by tier', async () => {
    await bed.createEnvironment({ key: 'perf-core', tier: 'PERF' });
    const keys: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page: { items: EnvironmentView[]; nextCursor: string | null } = await bed.call(
        environmentsListRpc,
        {
          actor: actors.viewer,
          payload: { limit: 2, ...(cursor ? { cursor } : {}) },
        },
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      keys.push(...page.items.map((item) => item.key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(keys).toEqual(['cyc-a', 'cyc-b', 'cyc-c', 'perf-core', 'uat-ledger']);
    const perf = await bed.call(environmentsListRpc, { actor: actors.viewer, payload: { tier: 'PERF' } });
    expect(perf).toEqual({ items: [expect.objectContaining({ key: 'perf-core' })], nextCursor: null });
    const bad = await bed.problem(environmentsListRpc, {
      actor: actors.viewer,
      payload: { limit: 500, cursor: 'garbage!' },
    });
    expect(bad).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    expect(bad.errors?.map((error) => error.field)).toEqual(['limit', 'cursor']);
  });

  it('replays an environment create with the same Idempotency-Key and body, and refuses another body (422)', async () => {
    const payload = { key: 'sit-orders', name: 'Orders SIT', tier: 'SIT', ownerGroup: 'orders' };
    const first = await bed.call(environmentsCreateRpc, {
      actor: actors.admin,
      payload,
      idempotencyKey: 'env-key-1',
    });
    const again = await bed.call(environmentsCreateRpc, {
      actor: actors.admin,
      payload,
      idempotencyKey: 'env-key-1',
    });
    expect(again).toEqual(first);
    const other = await bed.problem(environmentsCreateRpc, {
      actor: actors.admin,
      payload: { ...payload, key: 'sit-orders-2' },
      idempotencyKey: 'env-key-1',
    });
    expect(other).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    const { rows } = await bed.db.query(
      `SELECT count(*)::int AS n FROM intents.environments WHERE key LIKE 'sit-orders%'`,
    );
    expect(rows[0].n).toBe(1);
  });
});
