import {
  EnvironmentView,
  intentsCreateRpc,
  intentsHistoryRpc,
  intentsTransitionRpc,
} from '@envrefresh/contracts';
import { Client } from 'pg';
import { RemoteProblemError } from '@envrefresh/messaging';
import { eventually } from '@envrefresh/testing';
import { IntentsTestBed, actors } from './support/intents-test-bed';

describe('intents service: concurrent approvals and Idempotency-Key', () => {
  let bed: IntentsTestBed;
  let environment: EnvironmentView;

  beforeAll(async () => {
    bed = await IntentsTestBed.start();
    environment = await bed.createEnvironment({ key: 'uat-race', ownerGroup: 'payments' });
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  const payload = (reason: string) => ({
    environmentId: environment.id,
    refreshType: 'FULL_COPY',
    plannedStart: '2030-05-01T22:00:00Z',
    plannedEnd: '2030-05-02T02:00:00Z',
    reason,
    submit: true,
  });

  it('lets exactly one of two approvals of the same version win; the other is 409 STALE_VERSION', async () => {
    for (let round = 0; round < 5; round += 1) {
      const intent = await bed.fileIntent(environment.id, { submit: true });
      const outcomes = await Promise.allSettled(
        [actors.approver, actors.secondApprover].map((actor) =>
          bed.call(intentsTransitionRpc, {
            actor,
            payload: {
              intentId: intent.id,
              action: 'approve',
              version: intent.version,
              blockingConflictIds: [],
            },
          }),
        ),
      );
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter(
        (outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected',
      );
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(RemoteProblemError);
      expect((lost[0].reason as RemoteProblemError).problem).toMatchObject({
        status: 409,
        code: 'INTENT.STALE_VERSION',
      });
      const history = await bed.call(intentsHistoryRpc, {
        actor: actors.requester,
        payload: { intentId: intent.id },
      });
      expect(history.map((entry) => entry.action)).toEqual(['created', 'approve']);
      const { rows } = await bed.db.query(
        'SELECT version, status FROM intents.refresh_intents WHERE id = $1',
        [intent.id],
      );
      expect(rows[0]).toEqual({ version: intent.version + 1, status: 'APPROVED' });
    }
  });

  it('guards the write itself: an approval that read a version another transaction then changed gets 409', async () => {
    const intent = await bed.fileIntent(environment.id, { submit: true });
    const writer = new Client({ connectionString: bed.databaseUrl });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query('UPDATE intents.refresh_intents SET version = version + 1 WHERE id = $1', [
        intent.id,
      ]);
      const approval = bed
        .problem(intentsTransitionRpc, {
          actor: actors.approver,
          payload: { intentId: intent.id, action: 'approve', version: intent.version },
        })
        .then((problem) => problem);
      // The approval has read the committed version and now waits on our row lock in its UPDATE.
      await eventually(async () => {
        const { rows } = await bed.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE intents.refresh_intents%'`,
        );
        expect(rows[0].n).toBe(1);
      });
      await writer.query('COMMIT');
      expect(await approval).toMatchObject({ status: 409, code: 'INTENT.STALE_VERSION' });
    } finally {
      await writer.end();
    }
    const history = await bed.call(intentsHistoryRpc, {
      actor: actors.requester,
      payload: { intentId: intent.id },
    });
    expect(history.map((entry) => entry.action)).toEqual(['created']);
  });

  it('creates one intent for one Idempotency-Key, replaying the first response, even when the requests race', async () => {
    const body = payload('idempotent create');
    const [first, ...racing] = await Promise.all(
      [1, 2, 3].map(() =>
        bed.call(intentsCreateRpc, { actor: actors.requester, payload: body, idempotencyKey: 'create-1' }),
      ),
    );
    for (const reply of racing) expect(reply).toEqual(first);
    const later = await bed.call(intentsCreateRpc, {
      actor: actors.requester,
      payload: body,
      idempotencyKey: 'create-1',
    });
    expect(later).toEqual(first);
    const { rows } = await bed.db.query(
      `SELECT count(*)::int AS n FROM intents.refresh_intents WHERE reason = 'idempotent create'`,
    );
    expect(rows[0].n).toBe(1);
    const { rows: events } = await bed.db.query(
      `SELECT count(*)::int AS n FROM intents.outbox WHERE type = 'intent.requested' AND payload->'data'->>'id' = $1`,
      [first.id],
    );
    expect(events[0].n).toBe(1);
  });

  it('refuses the same key with a different body (422), and keeps keys of different callers apart', async () => {
    await bed.call(intentsCreateRpc, {
      actor: actors.requester,
      payload: payload('first body'),
      idempotencyKey: 'create-2',
    });
    const reused = await bed.problem(intentsCreateRpc, {
      actor: actors.requester,
      payload: payload('second body'),
      idempotencyKey: 'create-2',
    });
    expect(reused).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    const someoneElse = await bed.call(intentsCreateRpc, {
      actor: actors.otherRequester,
      payload: payload('second body'),
      idempotencyKey: 'create-2',
    });
    expect(someoneElse).toMatchObject({ reason: 'second body', requestedBy: { sub: 'rob' } });
    const { rows } = await bed.db.query(
      `SELECT count(*)::int AS n FROM intents.refresh_intents WHERE reason LIKE '% body'`,
    );
    expect(rows[0].n).toBe(2);
  });

  it('stores nothing for a refused create, so the key stays free', async () => {
    const refused = await bed.problem(intentsCreateRpc, {
      actor: actors.requester,
      payload: { ...payload('x'), environmentId: '00000000-0000-4000-8000-000000000000' },
      idempotencyKey: 'create-3',
    });
    expect(refused).toMatchObject({
      status: 400,
      code: 'INTENT.UNKNOWN_ENVIRONMENT',
      errors: [{ field: 'environmentId', message: expect.any(String) }],
    });
    const created = await bed.call(intentsCreateRpc, {
      actor: actors.requester,
      payload: payload('retried'),
      idempotencyKey: 'create-3',
    });
    expect(created.reason).toBe('retried');
  });

  it('judges a held key before the body: the same key with a body that would be refused now is 422 KEY_REUSED', async () => {
    const first = await bed.call(intentsCreateRpc, {
      actor: actors.requester,
      payload: payload('held key'),
      idempotencyKey: 'create-4',
    });
    const unknownEnvironment = {
      ...payload('held key'),
      environmentId: '00000000-0000-4000-8000-000000000000',
    };
    const reused = await bed.problem(intentsCreateRpc, {
      actor: actors.requester,
      payload: unknownEnvironment,
      idempotencyKey: 'create-4',
    });
    expect(reused).toMatchObject({ status: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
    const replayed = await bed.call(intentsCreateRpc, {
      actor: actors.requester,
      payload: payload('held key'),
      idempotencyKey: 'create-4',
    });
    expect(replayed).toEqual(first);
    const { rows } = await bed.db.query(
      `SELECT (SELECT count(*)::int FROM intents.refresh_intents WHERE reason = 'held key') AS intents,
              (SELECT count(*)::int FROM intents.intent_history WHERE intent_id = $1) AS entries`,
      [first.id],
    );
    expect(rows[0]).toEqual({ intents: 1, entries: 1 });
  });
});
