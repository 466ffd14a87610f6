import { randomUUID } from 'node:crypto';
import { EnvironmentView, HistoryEntryView, HistoryVerification, IntentView } from '@envrefresh/contracts';
import { useApiSuite } from './support/api-suite';
import { Lifecycle } from './support/lifecycle';

const SHA256_HEX = /^[0-9a-f]{64}$/;

describe('the tamper-evident audit history', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let environment: EnvironmentView;
  let intent: IntentView;
  const requestIds = {
    create: `audit-create-${randomUUID()}`,
    submit: `audit-submit-${randomUUID()}`,
    approve: `audit-approve-${randomUUID()}`,
    start: `audit-start-${randomUUID()}`,
    complete: `audit-complete-${randomUUID()}`,
  };

  const history = () =>
    suite.api.get<HistoryEntryView[]>(`/intents/${intent.id}/history`, { as: lifecycle.cast.requester });
  const verify = () =>
    suite.api.get<HistoryVerification>(`/intents/${intent.id}/history/verify`, {
      as: lifecycle.cast.requester,
    });

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    environment = await lifecycle.createEnvironment();
    const { approver, operator } = lifecycle.cast;
    const withId = (id: string) => ({ 'x-request-id': id });

    intent = await lifecycle.fileIntent(environment, {}, lifecycle.cast.requester, withId(requestIds.create));
    intent = await lifecycle.advance(intent, 'submit', { headers: withId(requestIds.submit) });
    intent = await lifecycle.advance(intent, 'approve', {
      as: approver,
      headers: withId(requestIds.approve),
      body: { notes: 'Window agreed with the QA lead' },
    });
    // The scheduling service registers the schedule by itself, correlated with the approval.
    intent = await lifecycle.waitForStatus(intent, 'SCHEDULED');
    intent = await lifecycle.advance(intent, 'start', { as: operator, headers: withId(requestIds.start) });
    intent = await lifecycle.advance(intent, 'complete', {
      as: operator,
      headers: withId(requestIds.complete),
      body: { notes: 'Copied without errors', durationSeconds: 5400, rowsAffected: 1200000 },
    });
  });

  it('holds one entry per transition: actor, action, from → to, notes, correlation id, chained hashes', async () => {
    const response = await history();

    expect(response.status).toBe(200);
    const { requester, approver, operator } = lifecycle.cast;
    expect(
      response.body.map(
        ({ sequence, action, actor, fromStatus, toStatus, notes, correlationId, intentId }) => ({
          sequence,
          action,
          actor: actor.sub,
          fromStatus,
          toStatus,
          notes,
          correlationId,
          intentId,
        }),
      ),
    ).toEqual([
      {
        sequence: 1,
        action: 'created',
        actor: requester.sub,
        fromStatus: null,
        toStatus: 'DRAFT',
        notes: null,
        correlationId: requestIds.create,
        intentId: intent.id,
      },
      {
        sequence: 2,
        action: 'submit',
        actor: requester.sub,
        fromStatus: 'DRAFT',
        toStatus: 'REQUESTED',
        notes: null,
        correlationId: requestIds.submit,
        intentId: intent.id,
      },
      {
        sequence: 3,
        action: 'approve',
        actor: approver.sub,
        fromStatus: 'REQUESTED',
        toStatus: 'APPROVED',
        notes: 'Window agreed with the QA lead',
        correlationId: requestIds.approve,
        intentId: intent.id,
      },
      {
        sequence: 4,
        action: 'schedule',
        actor: expect.any(String),
        fromStatus: 'APPROVED',
        toStatus: 'SCHEDULED',
        notes: null,
        correlationId: requestIds.approve,
        intentId: intent.id,
      },
      {
        sequence: 5,
        action: 'start',
        actor: operator.sub,
        fromStatus: 'SCHEDULED',
        toStatus: 'IN_PROGRESS',
        notes: null,
        correlationId: requestIds.start,
        intentId: intent.id,
      },
      {
        sequence: 6,
        action: 'complete',
        actor: operator.sub,
        fromStatus: 'IN_PROGRESS',
        toStatus: 'COMPLETED',
        notes: 'Copied without errors',
        correlationId: requestIds.complete,
        intentId: intent.id,
      },
    ]);
    response.body.forEach((entry, index) => {
      expect(entry.hash).toMatch(SHA256_HEX);
      expect(entry.previousHash).toBe(index === 0 ? null : response.body[index - 1].hash);
      expect(new Date(entry.at).toISOString()).toBe(entry.at);
    });
    expect(new Set(response.body.map((entry) => entry.hash)).size).toBe(6);
    const times = response.body.map((entry) => Date.parse(entry.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('verifies intact', async () => {
    const response = await verify();

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      intentId: intent.id,
      intact: true,
      entries: 6,
      firstBrokenSequence: null,
      reason: null,
    });
  });

  it.each([
    ['UPDATE', `UPDATE intents.intent_history SET notes = 'rewritten' WHERE intent_id = $1`],
    ['DELETE', `DELETE FROM intents.intent_history WHERE intent_id = $1`],
  ])('refuses a direct %s on intents.intent_history, even from the superuser', async (_verb, sql) => {
    await suite.db.query('BEGIN');
    try {
      await expect(suite.db.query(sql, [intent.id])).rejects.toThrow();
    } finally {
      await suite.db.query('ROLLBACK');
    }
    const after = await history();
    expect(after.body).toHaveLength(6);
    expect(after.body[2].notes).toBe('Window agreed with the QA lead');
    expect((await verify()).body.intact).toBe(true);
  });

  it('reports a chain tampered with by a superuser (triggers disabled) broken at entry 2', async () => {
    await suite.db.query('ALTER TABLE intents.intent_history DISABLE TRIGGER ALL');
    try {
      const tampered = await suite.db.query(
        `UPDATE intents.intent_history SET notes = 'nothing to see' WHERE intent_id = $1 AND sequence = 2`,
        [intent.id],
      );
      expect(tampered.rowCount).toBe(1);
    } finally {
      await suite.db.query('ALTER TABLE intents.intent_history ENABLE TRIGGER ALL');
    }

    const response = await verify();

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      intentId: intent.id,
      intact: false,
      entries: 6,
      firstBrokenSequence: 2,
      reason: expect.any(String),
    });
  });

  /** Every table of the database that chains its rows by hash: found by its columns, not listed here. */
  const chainedTables = async (): Promise<string[]> => {
    const { rows } = await suite.db.query<{ name: string }>(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.columns
        WHERE column_name IN ('hash', 'previous_hash') AND table_schema NOT IN ('pg_catalog', 'information_schema')
        GROUP BY table_schema, table_name HAVING count(*) = 2 ORDER BY 1`,
    );
    return rows.map((row) => row.name);
  };

  it('finds every hash-chained table append-only: UPDATE, DELETE and TRUNCATE refused even for the superuser', async () => {
    const tables = await chainedTables();
    expect(tables).toContain('intents.intent_history');
    for (const table of tables) {
      for (const sql of [
        `UPDATE ${table} SET hash = hash`,
        `DELETE FROM ${table}`,
        `TRUNCATE ${table}`,
        `TRUNCATE ${table} CASCADE`,
      ]) {
        await suite.db.query('BEGIN');
        try {
          await expect(suite.db.query(sql)).rejects.toThrow(/append-only/);
        } finally {
          await suite.db.query('ROLLBACK');
        }
      }
    }
    expect((await history()).body).toHaveLength(6);
  });

  describe('what verify finds once a superuser goes around the triggers', () => {
    let victim: IntentView;
    const verifyVictim = () =>
      suite.api.get<HistoryVerification>(`/intents/${victim.id}/history/verify`, {
        as: lifecycle.cast.requester,
      });
    const withTriggersOff = async (sql: string, params: unknown[]) => {
      await suite.db.query('ALTER TABLE intents.intent_history DISABLE TRIGGER ALL');
      try {
        return await suite.db.query(sql, params);
      } finally {
        await suite.db.query('ALTER TABLE intents.intent_history ENABLE TRIGGER ALL');
      }
    };

    beforeEach(async () => {
      // REJECTED: three entries, and nothing moves it on by itself.
      victim = await lifecycle.intentIn('REJECTED', environment);
      expect((await verifyVictim()).body).toMatchObject({ intact: true, entries: 3 });
    });

    it('an entry appended by hand, without the key to its hash (INSERT is not refused)', async () => {
      await suite.db.query(
        `INSERT INTO intents.intent_history (intent_id, sequence, action, actor, from_status, to_status, notes, at,
                correlation_id, previous_hash, hash)
         SELECT intent_id, sequence + 1, 'cancel', actor, 'REJECTED', 'CANCELLED', 'forged', now(), 'forged',
                hash, repeat('f', 64)
           FROM intents.intent_history WHERE intent_id = $1 ORDER BY sequence DESC LIMIT 1`,
        [victim.id],
      );
      expect((await verifyVictim()).body).toMatchObject({
        intact: false,
        entries: 4,
        firstBrokenSequence: 4,
      });
    });

    it('an entry deleted from the middle', async () => {
      const deleted = await withTriggersOff(
        'DELETE FROM intents.intent_history WHERE intent_id = $1 AND sequence = 2',
        [victim.id],
      );
      expect(deleted.rowCount).toBe(1);
      expect((await verifyVictim()).body).toMatchObject({
        intact: false,
        entries: 2,
        firstBrokenSequence: 2,
      });
    });

    it('a middle entry rewritten with a new hash of its own (the next entry still links to the old one)', async () => {
      const rewritten = await withTriggersOff(
        `UPDATE intents.intent_history SET actor = '{"sub":"mallory"}', hash = md5(hash) || md5(hash)
          WHERE intent_id = $1 AND sequence = 2`,
        [victim.id],
      );
      expect(rewritten.rowCount).toBe(1);
      expect((await verifyVictim()).body).toMatchObject({
        intact: false,
        entries: 3,
        firstBrokenSequence: 2,
      });
    });
  });

  it('keeps other intents intact when one chain is tampered with', async () => {
    const other = await lifecycle.intentIn('REQUESTED', environment);

    const response = await suite.api.get<HistoryVerification>(`/intents/${other.id}/history/verify`, {
      as: lifecycle.cast.requester,
    });

    expect(response.body).toMatchObject({
      intentId: other.id,
      intact: true,
      entries: 2,
      firstBrokenSequence: null,
    });
  });
});
