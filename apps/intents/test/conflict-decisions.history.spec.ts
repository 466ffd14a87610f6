import { randomUUID } from 'node:crypto';
import {
  ConflictView,
  EventEnvelope,
  HistoryEntryView,
  IntentView,
  conflictAcknowledgedEvent,
  conflictOverriddenEvent,
  createEnvelope,
  intentsGetRpc,
  intentsHistoryRpc,
  intentsTransitionRpc,
  intentsVerifyHistoryRpc,
} from '@envrefresh/contracts';
import { getOrCreateCounter } from '@envrefresh/observability';
import { eventually } from '@envrefresh/testing';
import { Client } from 'pg';
import { HistoryEntry, chainEntry } from '../src/refresh-intents/domain/history-chain';
import { IntentsTestBed, actors } from './support/intents-test-bed';

const HEX64 = /^[0-9a-f]{64}$/;
const APPROVER = { sub: actors.approver.sub, name: actors.approver.name };

// The consumer's counters live in this process's registry, as the app under test runs in it.
const consumed = getOrCreateCounter({
  name: 'messaging_consumed_total',
  help: 'Events handled by a consumer, by outcome (processed, duplicate)',
  labelNames: ['consumer', 'type', 'outcome'],
});
const retried = getOrCreateCounter({
  name: 'messaging_retried_total',
  help: 'Events sent to a delayed retry queue after their handler failed',
  labelNames: ['consumer', 'type'],
});
const deadLettered = getOrCreateCounter({
  name: 'messaging_dead_lettered_total',
  help: 'Events sent to the dead-letter queue',
  labelNames: ['consumer', 'type', 'reason'],
});

/** The sum of a counter over the series whose labels include these. */
async function count(
  metric: typeof consumed | typeof retried | typeof deadLettered,
  labels: Record<string, string>,
): Promise<number> {
  const { values } = await metric.get();
  return values
    .filter((value) => {
      const series: Record<string, string | number | undefined> = value.labels;
      return Object.entries(labels).every(([name, wanted]) => series[name] === wanted);
    })
    .reduce((sum, value) => sum + value.value, 0);
}

function overrideOf(intent: IntentView, justification: string): ConflictView {
  return {
    ...conflictOverriddenEvent.example,
    id: randomUUID(),
    intentId: intent.id,
    environmentId: intent.environmentId,
    overriddenBy: APPROVER,
    overriddenAt: '2030-02-20T09:15:00.000Z',
    justification,
  };
}

function acknowledgementOf(intent: IntentView, notes?: string): ConflictView {
  return {
    ...conflictAcknowledgedEvent.example,
    id: randomUUID(),
    intentId: intent.id,
    environmentId: intent.environmentId,
    type: 'INTENT_OVERLAP',
    severity: 'WARNING',
    acknowledgedBy: APPROVER,
    acknowledgedAt: '2030-02-20T09:00:00.000Z',
    ...(notes === undefined ? {} : { justification: notes }),
  };
}

function toEntry(view: HistoryEntryView): HistoryEntry {
  return { ...view, at: new Date(view.at) };
}

describe('intents service: approvers’ decisions on conflicts go into the intent’s history', () => {
  let bed: IntentsTestBed;
  let environmentId: string;

  beforeAll(async () => {
    bed = await IntentsTestBed.start();
    environmentId = (await bed.createEnvironment({ key: 'uat-decisions', ownerGroup: 'payments' })).id;
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  const historyOf = (intentId: string) =>
    bed.call(intentsHistoryRpc, { actor: actors.requester, payload: { intentId } });
  const verify = (intentId: string) =>
    bed.call(intentsVerifyHistoryRpc, { actor: actors.requester, payload: { intentId } });
  const getIntent = (intentId: string) =>
    bed.call(intentsGetRpc, { actor: actors.requester, payload: { intentId } });

  async function storedEntries(intentId: string): Promise<number> {
    const { rows } = await bed.db.query(
      'SELECT count(*)::int AS n FROM intents.intent_history WHERE intent_id = $1',
      [intentId],
    );
    return rows[0].n;
  }

  async function intentEventsInOutbox(intentId: string): Promise<string[]> {
    const { rows } = await bed.db.query(
      `SELECT type FROM intents.outbox WHERE payload->'data'->>'id' = $1 ORDER BY seq`,
      [intentId],
    );
    return rows.map((row: { type: string }) => row.type);
  }

  async function inInbox(eventId: string): Promise<boolean> {
    const { rows } = await bed.db.query('SELECT 1 FROM intents.inbox WHERE message_id = $1', [eventId]);
    return rows.length === 1;
  }

  describe('an override', () => {
    let intent: IntentView;
    let override: EventEnvelope<string, ConflictView>;

    beforeAll(async () => {
      intent = await bed.fileIntent(environmentId, { submit: true });
      override = createEnvelope(
        conflictOverriddenEvent,
        overrideOf(intent, 'Release testing agreed to pause for the refresh.'),
        { correlationId: 'override-corr', causationId: null },
      );
      await bed.publishEnvelope(override);
      await eventually(async () => expect(await storedEntries(intent.id)).toBe(2));
    });

    it('is one entry by the approver, naming the conflict and the justification, in the intent’s status', async () => {
      const [created, decided, ...rest] = await historyOf(intent.id);
      expect(rest).toEqual([]);
      expect(decided).toEqual({
        sequence: 2,
        intentId: intent.id,
        action: 'conflict.overridden',
        actor: APPROVER,
        fromStatus: 'REQUESTED',
        toStatus: 'REQUESTED',
        notes: `Overrode BLOCKING BOOKING_OVERLAP conflict ${override.data.id}: "Release testing agreed to pause for the refresh."`,
        at: '2030-02-20T09:15:00.000Z',
        correlationId: 'override-corr',
        hash: expect.stringMatching(HEX64),
        previousHash: created.hash,
      });
      expect(await verify(intent.id)).toEqual({
        intentId: intent.id,
        intact: true,
        entries: 2,
        firstBrokenSequence: null,
        reason: null,
      });
    });

    it('leaves the intent as it was: same version, no intent event', async () => {
      expect(await getIntent(intent.id)).toEqual(intent);
      expect(await intentEventsInOutbox(intent.id)).toEqual(['intent.requested']);
    });

    it('adds nothing when the same event is delivered again', async () => {
      const labels = { consumer: 'intents', type: 'conflict.overridden', outcome: 'duplicate' };
      const duplicatesBefore = await count(consumed, labels);
      await bed.publishEnvelope(override);
      await eventually(async () => expect(await count(consumed, labels)).toBe(duplicatesBefore + 1));
      expect(await storedEntries(intent.id)).toBe(2);
      expect(await verify(intent.id)).toMatchObject({ intact: true, entries: 2 });
    });

    it('keeps the version clients hold valid: approve with it succeeds, and the chain stays intact', async () => {
      const approved = await bed.call(intentsTransitionRpc, {
        actor: actors.approver,
        payload: {
          intentId: intent.id,
          action: 'approve',
          version: intent.version,
          notes: 'override agreed',
        },
      });
      expect(approved).toMatchObject({ status: 'APPROVED', version: intent.version + 1 });
      const history = await historyOf(intent.id);
      expect(history.map((entry) => [entry.sequence, entry.action])).toEqual([
        [1, 'created'],
        [2, 'conflict.overridden'],
        [3, 'approve'],
      ]);
      expect(history[2].previousHash).toBe(history[1].hash);
      expect(await verify(intent.id)).toMatchObject({ intact: true, entries: 3 });
    });
  });

  it('records an acknowledgement with the approver’s notes', async () => {
    const intent = await bed.fileIntent(environmentId, { submit: true });
    const acknowledgement = acknowledgementOf(intent, 'QA knows the two refreshes overlap.');
    await bed.publishEvent(conflictAcknowledgedEvent, acknowledgement, 'ack-corr');
    await eventually(async () => expect(await storedEntries(intent.id)).toBe(2));
    expect((await historyOf(intent.id))[1]).toMatchObject({
      action: 'conflict.acknowledged',
      actor: APPROVER,
      fromStatus: 'REQUESTED',
      toStatus: 'REQUESTED',
      notes: `Acknowledged WARNING INTENT_OVERLAP conflict ${acknowledgement.id}: "QA knows the two refreshes overlap."`,
      at: '2030-02-20T09:00:00.000Z',
      correlationId: 'ack-corr',
    });
    expect(await verify(intent.id)).toMatchObject({ intact: true, entries: 2 });
    expect(await getIntent(intent.id)).toEqual(intent);
  });

  it('orders decisions arriving while the intent is approved into one unbroken chain, without retries', async () => {
    const intent = await bed.fileIntent(environmentId, { submit: true });
    const retriesBefore = await count(retried, { consumer: 'intents' });
    const decisions = Array.from({ length: 4 }, () => acknowledgementOf(intent));
    const [approved] = await Promise.all([
      bed.call(intentsTransitionRpc, {
        actor: actors.approver,
        payload: { intentId: intent.id, action: 'approve', version: intent.version },
      }),
      ...decisions.map((decision) => bed.publishEvent(conflictAcknowledgedEvent, decision)),
    ]);
    await eventually(async () => expect(await storedEntries(intent.id)).toBe(6));
    const history = await historyOf(intent.id);
    expect(history.map((entry) => entry.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(history.filter((entry) => entry.action === 'conflict.acknowledged')).toHaveLength(4);
    expect(await verify(intent.id)).toMatchObject({ intact: true, entries: 6 });
    expect(await getIntent(intent.id)).toMatchObject({ status: 'APPROVED', version: approved.version });
    expect(await count(retried, { consumer: 'intents' })).toBe(retriesBefore);
  });

  it('waits for a change in progress on the intent and chains after it', async () => {
    const intent = await bed.fileIntent(environmentId, { submit: true });
    const retriesBefore = await count(retried, { consumer: 'intents' });
    const [created] = await historyOf(intent.id);
    // Plays a command's transaction: it holds the intent's row lock while it appends its entry.
    const command = new Client({ connectionString: bed.databaseUrl });
    await command.connect();
    try {
      await command.query('BEGIN');
      await command.query('SELECT 1 FROM intents.refresh_intents WHERE id = $1 FOR UPDATE', [intent.id]);
      const decision = acknowledgementOf(intent, 'after the amendment');
      await bed.publishEvent(conflictAcknowledgedEvent, decision);
      await eventually(async () => {
        const { rows } = await bed.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'`,
        );
        expect(rows[0].n).toBe(1);
      });
      const amended = chainEntry(toEntry(created), {
        intentId: intent.id,
        action: 'amend',
        actor: { sub: actors.requester.sub },
        fromStatus: 'REQUESTED',
        toStatus: 'REQUESTED',
        notes: null,
        at: new Date('2030-02-20T08:00:00.000Z'),
        correlationId: 'command-corr',
      });
      await command.query(
        `INSERT INTO intents.intent_history (intent_id, sequence, action, actor, from_status, to_status,
           notes, at, correlation_id, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          amended.intentId,
          amended.sequence,
          amended.action,
          JSON.stringify(amended.actor),
          amended.fromStatus,
          amended.toStatus,
          amended.notes,
          amended.at,
          amended.correlationId,
          amended.previousHash,
          amended.hash,
        ],
      );
      await command.query('COMMIT');
    } finally {
      await command.end();
    }
    await eventually(async () => expect(await storedEntries(intent.id)).toBe(3));
    const history = await historyOf(intent.id);
    expect(history.map((entry) => entry.action)).toEqual(['created', 'amend', 'conflict.acknowledged']);
    expect(await verify(intent.id)).toMatchObject({ intact: true, entries: 3 });
    expect(await count(retried, { consumer: 'intents' })).toBe(retriesBefore);
  });

  it('acknowledges and ignores a decision about an intent it does not know', async () => {
    const unknown = { id: randomUUID(), environmentId } as IntentView;
    const eventId = await bed.publishEvent(conflictOverriddenEvent, overrideOf(unknown, 'no such intent'));
    await eventually(async () => expect(await inInbox(eventId)).toBe(true));
    expect(await storedEntries(unknown.id)).toBe(0);
  });

  it('dead-letters an override that does not say who overrode, recording nothing', async () => {
    const intent = await bed.fileIntent(environmentId, { submit: true });
    const labels = { consumer: 'intents', type: 'conflict.overridden', reason: 'rejected' };
    const rejectedBefore = await count(deadLettered, labels);
    const { overriddenBy: _omitted, ...anonymous } = overrideOf(intent, 'who knows');
    const eventId = await bed.publishEvent(conflictOverriddenEvent, anonymous);
    await eventually(async () => expect(await count(deadLettered, labels)).toBe(rejectedBefore + 1));
    expect(await inInbox(eventId)).toBe(false);
    expect(await storedEntries(intent.id)).toBe(1);
  });
});
