import {
  Actor,
  EnvironmentView,
  IntentView,
  intentsAmendRpc,
  intentsCreateRpc,
  intentsGetRpc,
  intentsHistoryRpc,
  intentsListRpc,
  intentsTransitionRpc,
  intentsVerifyHistoryRpc,
} from '@envrefresh/contracts';
import { RemoteProblemError } from '@envrefresh/messaging';
import { IntentsTestBed, actors } from './support/intents-test-bed';

const releaseTrain: Actor = { sub: 'remy', roles: ['viewer'], groups: ['release-train'] };

describe('intents service: row-level visibility, list filters and refusals', () => {
  let bed: IntentsTestBed;
  let payments: EnvironmentView;
  let qa: EnvironmentView;
  let ritasOnPayments: IntentView;
  let robsOnQa: IntentView;
  let adasOnPayments: IntentView;

  beforeAll(async () => {
    bed = await IntentsTestBed.start();
    payments = await bed.createEnvironment({ key: 'uat-payments', ownerGroup: 'payments' });
    qa = await bed.createEnvironment({ key: 'qa-main', ownerGroup: 'qa', tier: 'QA' });
    ritasOnPayments = await bed.fileIntent(payments.id, {
      notificationGroups: ['release-train'],
      submit: true,
    });
    robsOnQa = await bed.fileIntent(
      qa.id,
      { plannedStart: '2030-04-01T00:00:00Z', plannedEnd: '2030-04-01T04:00:00Z' },
      actors.otherRequester,
    );
    adasOnPayments = await bed.fileIntent(
      payments.id,
      { plannedStart: '2030-06-01T00:00:00Z', plannedEnd: '2030-06-01T04:00:00Z', submit: true },
      actors.admin,
    );
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  const listIds = async (actor: Actor, query: Record<string, unknown> = {}) =>
    (await bed.call(intentsListRpc, { actor, payload: query })).items.map((intent) => intent.id);

  it('lists for each caller exactly the intents they may see, newest first', async () => {
    const all = [adasOnPayments.id, robsOnQa.id, ritasOnPayments.id];
    expect(await listIds(actors.admin)).toEqual(all);
    expect(await listIds(actors.requester)).toEqual([robsOnQa.id, ritasOnPayments.id]);
    expect(await listIds(actors.viewer)).toEqual([adasOnPayments.id, ritasOnPayments.id]);
    expect(await listIds(releaseTrain)).toEqual([ritasOnPayments.id]);
    expect(await listIds(actors.outsider)).toEqual([]);
  });

  it('answers 404, not 403, on every intent RPC for an intent the caller may not see', async () => {
    const intentId = ritasOnPayments.id;
    const calls = [
      bed.problem(intentsGetRpc, { actor: actors.outsider, payload: { intentId } }),
      bed.problem(intentsHistoryRpc, { actor: actors.outsider, payload: { intentId } }),
      bed.problem(intentsVerifyHistoryRpc, { actor: actors.outsider, payload: { intentId } }),
      bed.problem(intentsTransitionRpc, {
        actor: actors.outsider,
        payload: { intentId, action: 'approve', version: 1 },
      }),
      bed.problem(intentsAmendRpc, {
        actor: actors.outsider,
        payload: { intentId, version: 1, reason: 'mine' },
      }),
      bed.problem(intentsGetRpc, { actor: actors.outsider, payload: { intentId: 'not-a-uuid' } }),
    ];
    for (const problem of await Promise.all(calls))
      expect(problem).toMatchObject({ status: 404, code: 'INTENT.NOT_FOUND' });
    const seen = await bed.call(intentsGetRpc, { actor: releaseTrain, payload: { intentId } });
    expect(seen.id).toBe(intentId);
  });

  it('filters by status, environment and window overlap, and pages with a cursor', async () => {
    expect(await listIds(actors.admin, { status: 'DRAFT' })).toEqual([robsOnQa.id]);
    expect(await listIds(actors.admin, { environmentId: payments.id })).toEqual([
      adasOnPayments.id,
      ritasOnPayments.id,
    ]);
    // Half-open windows: one ending exactly at `from` does not overlap.
    expect(await listIds(actors.admin, { from: '2030-04-01T04:00:00Z', to: '2030-06-01T00:00:01Z' })).toEqual(
      [adasOnPayments.id],
    );
    expect(await listIds(actors.admin, { from: '2030-04-01T03:00:00Z', to: '2030-04-02T00:00:00Z' })).toEqual(
      [robsOnQa.id],
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: IntentView[]; nextCursor: string | null } = await bed.call(intentsListRpc, {
        actor: actors.admin,
        payload: { limit: 2, ...(cursor ? { cursor } : {}) },
      });
      seen.push(...page.items.map((intent) => intent.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([adasOnPayments.id, robsOnQa.id, ritasOnPayments.id]);
    const bad = await bed.problem(intentsListRpc, {
      actor: actors.admin,
      payload: { status: 'DONE', environmentId: 'uat', from: 'yesterday', limit: 0 },
    });
    expect(bad).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    expect(bad.errors?.map((error) => error.field)).toEqual(['limit', 'status', 'environmentId', 'from']);
  });

  it('refuses a disallowed action with 409 and the allowed ones, a stale version with 409', async () => {
    const start = await bed.problem(intentsTransitionRpc, {
      actor: actors.operator,
      payload: { intentId: ritasOnPayments.id, action: 'start', version: ritasOnPayments.version },
    });
    expect(start).toMatchObject({
      status: 409,
      code: 'INTENT.INVALID_TRANSITION',
      allowedActions: ['approve', 'reject', 'cancel'],
    });
    const stale = await bed.problem(intentsTransitionRpc, {
      actor: actors.approver,
      payload: { intentId: ritasOnPayments.id, action: 'approve', version: ritasOnPayments.version - 1 },
    });
    expect(stale).toMatchObject({ status: 409, code: 'INTENT.STALE_VERSION' });
  });

  it('refuses self-approval (admins included), other people’s intents and missing notes (open blocking conflicts: approval-gate.rpc.spec)', async () => {
    const own = await bed.problem(intentsTransitionRpc, {
      actor: actors.admin,
      payload: { intentId: adasOnPayments.id, action: 'approve', version: adasOnPayments.version },
    });
    expect(own).toMatchObject({ status: 403, code: 'INTENT.SELF_APPROVAL' });
    const notMine = await bed.problem(intentsTransitionRpc, {
      actor: actors.requester,
      payload: { intentId: robsOnQa.id, action: 'cancel', version: robsOnQa.version },
    });
    expect(notMine).toMatchObject({ status: 403, code: 'INTENT.NOT_REQUESTER' });
    const noNotes = await bed.problem(intentsTransitionRpc, {
      actor: actors.approver,
      payload: {
        intentId: ritasOnPayments.id,
        action: 'reject',
        version: ritasOnPayments.version,
        notes: '  ',
      },
    });
    expect(noNotes).toMatchObject({ status: 400, errors: [{ field: 'notes', message: expect.any(String) }] });
    const { rows } = await bed.db.query('SELECT status, version FROM intents.refresh_intents WHERE id = $1', [
      ritasOnPayments.id,
    ]);
    expect(rows[0]).toEqual({ status: 'REQUESTED', version: ritasOnPayments.version });
  });

  it('answers malformed requests with 400 problems, never a 500', async () => {
    // Without a user assertion nothing is answered at all (ADR 0017; more in user-proof.rpc.spec).
    const noActor = await bed
      .sendRaw(intentsListRpc, { payload: {} })
      .catch((error: RemoteProblemError) => error.problem);
    expect(noActor).toMatchObject({ status: 401, code: 'AUTH.USER_NOT_PROVEN' });
    const garbage = await bed.problem(intentsCreateRpc, {
      actor: actors.requester,
      payload: 'refresh please',
    });
    expect(garbage).toMatchObject({ status: 400, code: 'INTENT.INVALID' });
    const wrongTypes = await bed.problem(intentsTransitionRpc, {
      actor: actors.approver,
      payload: { intentId: ritasOnPayments.id, action: 'explode', version: 'x', notes: 5, facts: [] },
    });
    expect(wrongTypes.errors?.map((error) => error.field)).toEqual(['action', 'version', 'notes', 'facts']);
    const viewerCreate = await bed.problem(intentsCreateRpc, {
      actor: actors.viewer,
      payload: { environmentId: payments.id },
    });
    expect(viewerCreate).toMatchObject({ status: 403, code: 'INTENT.ROLE_REQUIRED' });
  });
});
