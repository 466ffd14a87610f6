import { IntentStatus } from '@envrefresh/contracts';
import { ActorRef, actorRefOf, canonicalJson, sha256Hex } from '@envrefresh/kernel';

/** One link of an intent's audit trail as stored. */
export interface HistoryEntry {
  intentId: string;
  sequence: number;
  action: string;
  actor: ActorRef;
  fromStatus: IntentStatus | null;
  toStatus: IntentStatus;
  notes: string | null;
  at: Date;
  correlationId: string;
  previousHash: string | null;
  hash: string;
}

export type HistoryContent = Omit<HistoryEntry, 'hash'>;

export interface ChainVerification {
  intact: boolean;
  entries: number;
  firstBrokenSequence: number | null;
  reason: string | null;
}

/**
 * hash = lowercase hex SHA-256 of the UTF-8 canonical JSON (keys sorted, no whitespace, see
 * canonicalJson) of exactly these members:
 *   { action, actor: {email?, name?, sub}, at: ISO-8601 UTC with milliseconds ("…T21:00:00.000Z"),
 *     correlationId, fromStatus: string|null, intentId, notes: string|null,
 *     previousHash: hex|null (null for sequence 1), sequence, toStatus }
 * so each entry seals its own content and, through previousHash, every entry before it.
 */
export function hashHistoryEntry(content: HistoryContent): string {
  return sha256Hex(
    canonicalJson({
      action: content.action,
      actor: actorRefOf(content.actor),
      at: content.at.toISOString(),
      correlationId: content.correlationId,
      fromStatus: content.fromStatus,
      intentId: content.intentId,
      notes: content.notes,
      previousHash: content.previousHash,
      sequence: content.sequence,
      toStatus: content.toStatus,
    }),
  );
}

/**
 * What the chain seals of a person: the `sub` alone. Names and e-mail addresses live in the
 * people directory, where they can be erased on request without breaking a hash (ADR 0013).
 */
export function pseudonymOf(actor: ActorRef): ActorRef {
  return { sub: actor.sub };
}

/**
 * The entry that follows `previous` (null: the first of the intent), sealing the actor's `sub`
 * only. Entries written before that (with name and e-mail in `actor`) keep verifying: the hash
 * covers whatever `actor` holds.
 */
export function chainEntry(
  previous: HistoryEntry | null,
  content: Omit<HistoryContent, 'sequence' | 'previousHash'>,
): HistoryEntry {
  const linked: HistoryContent = {
    ...content,
    actor: pseudonymOf(content.actor),
    sequence: previous ? previous.sequence + 1 : 1,
    previousHash: previous ? previous.hash : null,
  };
  return { ...linked, hash: hashHistoryEntry(linked) };
}

/**
 * Recomputes the chain, oldest first: sequences must run 1, 2, 3…, each entry must link to the
 * hash of the one before and match its own content, and the last one must leave the intent in
 * the status it has now (a deleted tail shows there).
 */
export function verifyChain(
  entries: readonly HistoryEntry[],
  currentStatus: IntentStatus,
): ChainVerification {
  const broken = (sequence: number, reason: string): ChainVerification => ({
    intact: false,
    entries: entries.length,
    firstBrokenSequence: sequence,
    reason,
  });
  if (entries.length === 0) return broken(1, 'the intent has no history entries');
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index];
    const expected = index + 1;
    if (entry.sequence !== expected) {
      return broken(
        expected,
        `entry ${expected} is missing: the trail goes from ${index} to ${entry.sequence}`,
      );
    }
    const previousHash = index === 0 ? null : entries[index - 1].hash;
    if (entry.previousHash !== previousHash) {
      const link =
        index === 0 ? 'must not link to an earlier entry' : `does not link to the hash of entry ${index}`;
      return broken(expected, `entry ${expected} ${link}`);
    }
    if (hashHistoryEntry(entry) !== entry.hash) {
      return broken(expected, `entry ${expected} was altered: its content no longer matches its hash`);
    }
  }
  const last = entries[entries.length - 1];
  if (last.toStatus !== currentStatus) {
    return broken(
      last.sequence + 1,
      `the trail ends in ${last.toStatus} but the intent is ${currentStatus}: later entries are missing`,
    );
  }
  return { intact: true, entries: entries.length, firstBrokenSequence: null, reason: null };
}
