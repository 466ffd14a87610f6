import { Client } from 'pg';
import { IntentView, intentsTransitionRpc, intentsVerifyHistoryRpc } from '@envrefresh/contracts';
import { IntentsTestBed, actors } from './support/intents-test-bed';

describe('intents service: the audit history is append-only and tamper-evident', () => {
  let bed: IntentsTestBed;
  let intent: IntentView;

  beforeAll(async () => {
    bed = await IntentsTestBed.start();
    const environment = await bed.createEnvironment({ key: 'uat-audit' });
    const filed = await bed.fileIntent(environment.id, { submit: true });
    const approved = await bed.call(intentsTransitionRpc, {
      actor: actors.approver,
      payload: { intentId: filed.id, action: 'approve', version: filed.version, notes: 'agreed' },
    });
    intent = await bed.call(intentsTransitionRpc, {
      actor: actors.requester,
      payload: {
        intentId: filed.id,
        action: 'cancel',
        version: approved.version,
        notes: 'not needed any more',
      },
    });
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  const verify = () =>
    bed.call(intentsVerifyHistoryRpc, { actor: actors.requester, payload: { intentId: intent.id } });

  it('starts intact', async () => {
    expect(await verify()).toEqual({
      intentId: intent.id,
      intact: true,
      entries: 3,
      firstBrokenSequence: null,
      reason: null,
    });
  });

  it.each([
    ['UPDATE', `UPDATE intents.intent_history SET notes = 'rewritten' WHERE sequence = 2`],
    ['DELETE', `DELETE FROM intents.intent_history WHERE sequence = 3`],
    ['TRUNCATE', `TRUNCATE intents.intent_history`],
  ])('refuses %s, even to a superuser, by trigger', async (operation, sql) => {
    await expect(bed.db.query(sql)).rejects.toThrow(`intent_history is append-only: ${operation} refused`);
    const { rows } = await bed.db.query(
      'SELECT count(*)::int AS n FROM intents.intent_history WHERE intent_id = $1',
      [intent.id],
    );
    expect(rows[0].n).toBe(3);
  });

  describe('with the triggers disabled by a superuser', () => {
    let superuser: Client;

    beforeAll(async () => {
      superuser = new Client({ connectionString: bed.databaseUrl });
      await superuser.connect();
    });

    afterAll(async () => superuser?.end());

    async function tamper(sql: string): Promise<void> {
      await superuser.query('BEGIN');
      await superuser.query('ALTER TABLE intents.intent_history DISABLE TRIGGER USER');
      await superuser.query(sql, [intent.id]);
      await superuser.query('ALTER TABLE intents.intent_history ENABLE TRIGGER USER');
      await superuser.query('COMMIT');
    }

    it('reports an altered note at its entry', async () => {
      await tamper(
        `UPDATE intents.intent_history SET notes = 'approved without discussion' WHERE intent_id = $1 AND sequence = 2`,
      );
      expect(await verify()).toMatchObject({
        intact: false,
        entries: 3,
        firstBrokenSequence: 2,
        reason: expect.stringContaining('altered'),
      });
      await tamper(
        `UPDATE intents.intent_history SET notes = 'agreed' WHERE intent_id = $1 AND sequence = 2`,
      );
      expect(await verify()).toMatchObject({ intact: true });
    });

    it('reports a forged actor whose hash was recomputed at the next link', async () => {
      const { rows } = await bed.db.query(
        'SELECT hash FROM intents.intent_history WHERE intent_id = $1 AND sequence = 2',
        [intent.id],
      );
      await tamper(
        `UPDATE intents.intent_history SET actor = '{"sub":"mallory"}', hash = repeat('0', 64) WHERE intent_id = $1 AND sequence = 2`,
      );
      expect(await verify()).toMatchObject({ intact: false, firstBrokenSequence: 2 });
      await tamper(
        `UPDATE intents.intent_history SET actor = '{"sub":"april"}', hash = '${rows[0].hash}' WHERE intent_id = $1 AND sequence = 2`,
      );
      expect(await verify()).toMatchObject({ intact: true });
    });

    it('reports a deleted entry', async () => {
      await tamper(`DELETE FROM intents.intent_history WHERE intent_id = $1 AND sequence = 2`);
      expect(await verify()).toMatchObject({
        intact: false,
        entries: 2,
        firstBrokenSequence: 2,
        reason: expect.stringContaining('missing'),
      });
    });
  });
});
