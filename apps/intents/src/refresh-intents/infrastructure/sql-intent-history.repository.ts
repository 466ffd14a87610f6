import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IntentStatus } from '@envrefresh/contracts';
import { ActorRef } from '@envrefresh/kernel';
import { SqlWrite } from '@envrefresh/persistence';
import { table } from '../../shared/infrastructure/intents-schema';
import { IntentHistoryRepository } from '../application/intent-history.repository.port';
import { PEOPLE_DIRECTORY, PeopleDirectory } from '../application/people-directory.port';
import { HistoryEntry } from '../domain/history-chain';

interface HistoryRow {
  intent_id: string;
  sequence: number;
  action: string;
  actor: ActorRef;
  from_status: string | null;
  to_status: string;
  notes: string | null;
  at: Date;
  correlation_id: string;
  previous_hash: string | null;
  hash: string;
}

const HISTORY = table('intent_history');
const COLUMNS =
  'intent_id, sequence, action, actor, from_status, to_status, notes, at, correlation_id, previous_hash, hash';

@Injectable()
export class SqlIntentHistoryRepository implements IntentHistoryRepository {
  constructor(@Inject(PEOPLE_DIRECTORY) private readonly people: PeopleDirectory) {}

  async last(manager: EntityManager, intentId: string): Promise<HistoryEntry | null> {
    const rows: HistoryRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${HISTORY} WHERE intent_id = $1 ORDER BY sequence DESC LIMIT 1`,
      [intentId],
    );
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async append(manager: EntityManager, entry: HistoryEntry, person: ActorRef): Promise<void> {
    await this.people.remember(manager, person);
    const { sql, values } = entryWrite(entry);
    await manager.query(sql, [...values]);
  }

  appendWrites(appended: readonly { entry: HistoryEntry; person: ActorRef }[]): SqlWrite[] {
    const people = new Map<string, ActorRef>();
    for (const { person } of appended) people.set(person.sub, { ...people.get(person.sub), ...person });
    return [
      ...[...people.values()].map((person) => this.people.rememberWrite(person)),
      ...appended.map(({ entry }) => entryWrite(entry)),
    ];
  }

  async list(manager: EntityManager, intentId: string): Promise<HistoryEntry[]> {
    const rows: HistoryRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${HISTORY} WHERE intent_id = $1 ORDER BY sequence`,
      [intentId],
    );
    return rows.map(toEntry);
  }
}

function entryWrite(entry: HistoryEntry): SqlWrite {
  return {
    sql: `INSERT INTO ${HISTORY} (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    values: [
      entry.intentId,
      entry.sequence,
      entry.action,
      JSON.stringify(entry.actor),
      entry.fromStatus,
      entry.toStatus,
      entry.notes,
      entry.at,
      entry.correlationId,
      entry.previousHash,
      entry.hash,
    ],
  };
}

function toEntry(row: HistoryRow): HistoryEntry {
  return {
    intentId: row.intent_id,
    sequence: row.sequence,
    action: row.action,
    actor: row.actor,
    fromStatus: row.from_status as IntentStatus | null,
    toStatus: row.to_status as IntentStatus,
    notes: row.notes,
    at: row.at,
    correlationId: row.correlation_id,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
