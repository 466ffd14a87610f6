import { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@envrefresh/persistence';
import { HistoryEntry } from '../refresh-intents/domain/history-chain';
import { resealPseudonymous } from '../refresh-intents/domain/history-reseal';

/**
 * Names and e-mail addresses leave the sealed audit trail for a people directory keyed by `sub`,
 * where an erasure on request can reach them (ADR 0013):
 * - `people` is filled from the trail and the intents, the latest known name and e-mail per sub;
 * - every trail that verifies as it is gets resealed with subs only (same hash rule, see
 *   resealPseudonymous); the hash it ended with before is kept in `history_reseals`, so an
 *   auditor holding an old backup or export can still match it;
 * - a trail that does not verify is left as it is, still reporting where it broke.
 * The append-only triggers are off for this one rewrite only, inside the migration's transaction.
 */
export class PseudonymousHistory1763900000200 implements MigrationInterface {
  name = 'PseudonymousHistory1763900000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${schema}.people (
        sub text PRIMARY KEY,
        name text,
        email text,
        erased_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE ${schema}.history_reseals (
        intent_id uuid PRIMARY KEY REFERENCES ${schema}.refresh_intents (id),
        legacy_head_hash text NOT NULL,
        entries integer NOT NULL,
        resealed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO ${schema}.people (sub, name, email)
      SELECT DISTINCT ON (person ->> 'sub') person ->> 'sub', person ->> 'name', person ->> 'email'
        FROM (
          SELECT actor AS person, at FROM ${schema}.intent_history
          UNION ALL SELECT requested_by, updated_at FROM ${schema}.refresh_intents
          UNION ALL SELECT approved_by, updated_at FROM ${schema}.refresh_intents WHERE approved_by IS NOT NULL
          UNION ALL SELECT completed_by, updated_at FROM ${schema}.refresh_intents WHERE completed_by IS NOT NULL
        ) known
       WHERE person ? 'name' OR person ? 'email'
       ORDER BY person ->> 'sub', at DESC`);

    const intents: { intent_id: string }[] = await queryRunner.query(
      `SELECT DISTINCT intent_id FROM ${schema}.intent_history WHERE actor ? 'name' OR actor ? 'email'`,
    );
    if (intents.length === 0) return;
    await queryRunner.query(
      `ALTER TABLE ${schema}.intent_history DISABLE TRIGGER intent_history_append_only`,
    );
    for (const { intent_id: intentId } of intents) {
      const rows: HistoryRow[] = await queryRunner.query(
        `SELECT intent_id, sequence, action, actor, from_status, to_status, notes, at, correlation_id,
                previous_hash, hash
           FROM ${schema}.intent_history WHERE intent_id = $1 ORDER BY sequence`,
        [intentId],
      );
      const reseal = resealPseudonymous(rows.map(toEntry));
      if (!reseal) continue;
      for (const entry of reseal.entries) {
        await queryRunner.query(
          `UPDATE ${schema}.intent_history SET actor = $3, previous_hash = $4, hash = $5
            WHERE intent_id = $1 AND sequence = $2`,
          [intentId, entry.sequence, JSON.stringify(entry.actor), entry.previousHash, entry.hash],
        );
      }
      await queryRunner.query(
        `INSERT INTO ${schema}.history_reseals (intent_id, legacy_head_hash, entries) VALUES ($1, $2, $3)`,
        [intentId, reseal.legacyHeadHash, reseal.entries.length],
      );
    }
    await queryRunner.query(`ALTER TABLE ${schema}.intent_history ENABLE TRIGGER intent_history_append_only`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Resealed trails stay resealed: putting names back would need the erased data.
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE ${schema}.history_reseals`);
    await queryRunner.query(`DROP TABLE ${schema}.people`);
  }
}

interface HistoryRow {
  intent_id: string;
  sequence: number;
  action: string;
  actor: HistoryEntry['actor'];
  from_status: HistoryEntry['fromStatus'];
  to_status: HistoryEntry['toStatus'];
  notes: string | null;
  at: Date;
  correlation_id: string;
  previous_hash: string | null;
  hash: string;
}

function toEntry(row: HistoryRow): HistoryEntry {
  return {
    intentId: row.intent_id,
    sequence: row.sequence,
    action: row.action,
    actor: row.actor,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    notes: row.notes,
    at: row.at,
    correlationId: row.correlation_id,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
