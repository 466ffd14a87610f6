import { DataSource } from 'typeorm';
import {
  HistoryEntryView,
  IntentView,
  intentsGetRpc,
  intentsHistoryRpc,
  intentsTransitionRpc,
  intentsVerifyHistoryRpc,
} from '@envrefresh/contracts';
import { createServiceDataSource } from '@envrefresh/persistence';
import { ErasePersonUseCase } from '../src/refresh-intents/application/erase-person.use-case';
import { hashHistoryEntry } from '../src/refresh-intents/domain/history-chain';
import { SqlPeopleDirectory } from '../src/refresh-intents/infrastructure/sql-people-directory';
import { PseudonymousHistory1763900000200 } from '../src/migrations/1763900000200-pseudonymous-history';
import { IntentsTestBed, actors } from './support/intents-test-bed';

describe('intents service: personal data kept apart from the sealed history, and erased on request', () => {
  let bed: IntentsTestBed;
  let dataSource: DataSource;
  let intent: IntentView;

  beforeAll(async () => {
    bed = await IntentsTestBed.start();
    dataSource = createServiceDataSource({
      url: bed.databaseUrl,
      schema: 'intents',
      applicationName: 'person-erasure-spec',
      poolSize: 2,
    });
    await dataSource.initialize();
    const environment = await bed.createEnvironment({ key: 'uat-people', ownerGroup: 'payments' });
    const filed = await bed.fileIntent(environment.id, { submit: true });
    intent = await bed.call(intentsTransitionRpc, {
      actor: actors.approver,
      payload: { intentId: filed.id, action: 'approve', version: filed.version, notes: 'agreed' },
    });
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await bed?.close();
  }, 30_000);

  const history = (intentId = intent.id) =>
    bed.call(intentsHistoryRpc, { actor: actors.admin, payload: { intentId } }) as Promise<
      HistoryEntryView[]
    >;
  const verify = (intentId = intent.id) =>
    bed.call(intentsVerifyHistoryRpc, { actor: actors.admin, payload: { intentId } });

  it('seals subs only, and shows names from the people directory', async () => {
    const { rows } = await bed.db.query(
      `SELECT actor FROM intents.intent_history WHERE intent_id = $1 ORDER BY sequence`,
      [intent.id],
    );
    expect(rows.map((row) => row.actor)).toEqual([{ sub: 'rita' }, { sub: 'april' }]);
    expect((await history()).map((entry) => entry.actor)).toEqual([
      { sub: 'rita', name: 'Rita Requester' },
      { sub: 'april', name: 'April Approver' },
    ]);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('erases a person: no name left in the directory, the intents or the history, and the chain still verifies', async () => {
    const erasure = await new ErasePersonUseCase(new SqlPeopleDirectory()).run(dataSource, 'rita');

    expect(erasure).toMatchObject({ sub: 'rita', erased: true, intents: 1 });
    const seen = (await bed.call(intentsGetRpc, {
      actor: actors.admin,
      payload: { intentId: intent.id },
    })) as IntentView;
    expect(seen.requestedBy).toEqual({ sub: 'rita' });
    expect(JSON.stringify(seen)).not.toContain('Rita Requester');
    expect((await history()).map((entry) => entry.actor)).toEqual([
      { sub: 'rita' },
      { sub: 'april', name: 'April Approver' },
    ]);
    const { rows } = await bed.db.query(
      `SELECT name, email, erased_at FROM intents.people WHERE sub = 'rita'`,
    );
    expect(rows).toEqual([{ name: null, email: null, erased_at: expect.any(Date) }]);
    const left = await bed.db.query(
      `SELECT count(*)::int AS n FROM intents.refresh_intents WHERE requested_by ? 'name' AND requested_by ->> 'sub' = 'rita'`,
    );
    expect(left.rows[0].n).toBe(0);
    expect(await verify()).toMatchObject({ intact: true, entries: 2 });
  });

  it('says so when nobody by that sub is known, and refuses a blank sub', async () => {
    const command = new ErasePersonUseCase(new SqlPeopleDirectory());
    expect(await command.run(dataSource, 'nobody-here')).toMatchObject({ erased: false, intents: 0 });
    await expect(command.run(dataSource, '  ')).rejects.toMatchObject({ code: 'PERSON.INVALID' });
  });

  it('the migration reseals a trail written before (names in the seal) so it verifies, keeping the old head hash', async () => {
    // Rewrite this intent's trail as the service wrote it before ADR 0013, hashes and all.
    const legacyActors = [
      { sub: 'rita', name: 'Rita Requester', email: 'rita@example.com' },
      { sub: 'april', name: 'April Approver' },
    ];
    const { rows } = await bed.db.query(
      `SELECT sequence, action, from_status, to_status, notes, at, correlation_id
         FROM intents.intent_history WHERE intent_id = $1 ORDER BY sequence`,
      [intent.id],
    );
    let previousHash: string | null = null;
    const legacy = rows.map((row, index) => {
      const content = {
        intentId: intent.id,
        sequence: row.sequence,
        action: row.action,
        actor: legacyActors[index],
        fromStatus: row.from_status,
        toStatus: row.to_status,
        notes: row.notes,
        at: row.at,
        correlationId: row.correlation_id,
        previousHash,
      };
      previousHash = hashHistoryEntry(content);
      return { ...content, hash: previousHash };
    });
    const runner = dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('ALTER TABLE intents.intent_history DISABLE TRIGGER USER');
      for (const entry of legacy) {
        await runner.query(
          `UPDATE intents.intent_history SET actor = $3, previous_hash = $4, hash = $5 WHERE intent_id = $1 AND sequence = $2`,
          [intent.id, entry.sequence, JSON.stringify(entry.actor), entry.previousHash, entry.hash],
        );
      }
      await runner.query('ALTER TABLE intents.intent_history ENABLE TRIGGER USER');
      await runner.query('DROP TABLE intents.history_reseals');
      await runner.query('DROP TABLE intents.people');
      await runner.commitTransaction();
      expect(await verify()).toMatchObject({ intact: true });

      await runner.startTransaction();
      await new PseudonymousHistory1763900000200().up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }

    const { rows: resealed } = await bed.db.query(
      `SELECT actor FROM intents.intent_history WHERE intent_id = $1 ORDER BY sequence`,
      [intent.id],
    );
    expect(resealed.map((row) => row.actor)).toEqual([{ sub: 'rita' }, { sub: 'april' }]);
    expect(await verify()).toMatchObject({ intact: true, entries: 2 });
    const { rows: reseals } = await bed.db.query(
      `SELECT legacy_head_hash, entries FROM intents.history_reseals`,
    );
    expect(reseals).toEqual([{ legacy_head_hash: legacy[1].hash, entries: 2 }]);
    // The directory was filled from the legacy trail: names are shown again, and erasable.
    expect((await history()).map((entry) => entry.actor)).toEqual([
      { sub: 'rita', name: 'Rita Requester', email: 'rita@example.com' },
      { sub: 'april', name: 'April Approver' },
    ]);
  });
});
