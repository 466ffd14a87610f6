import { HistoryEntry, hashHistoryEntry, pseudonymOf } from './history-chain';

export interface Reseal {
  entries: HistoryEntry[];
  /** The hash the trail ended with before, kept beside it so the old seal can still be checked against a backup. */
  legacyHeadHash: string;
}

/**
 * One intent's trail rewritten so that every entry seals its actor's `sub` only, for trails
 * written before names and e-mails moved to the people directory. Only a trail that verifies as
 * it is gets resealed (each entry links to the one before and matches its own hash): a broken one
 * is left alone, so verification keeps reporting where it broke. Null when there is nothing to
 * do or the trail is broken.
 */
export function resealPseudonymous(entries: readonly HistoryEntry[]): Reseal | null {
  if (entries.length === 0) return null;
  if (!entries.some((entry) => entry.actor.name !== undefined || entry.actor.email !== undefined))
    return null;
  for (let index = 0; index < entries.length; index += 1) {
    const entry = entries[index];
    const previousHash = index === 0 ? null : entries[index - 1].hash;
    if (entry.sequence !== index + 1 || entry.previousHash !== previousHash) return null;
    if (hashHistoryEntry(entry) !== entry.hash) return null;
  }
  const resealed: HistoryEntry[] = [];
  for (const entry of entries) {
    const content = {
      ...entry,
      actor: pseudonymOf(entry.actor),
      previousHash: resealed.length === 0 ? null : resealed[resealed.length - 1].hash,
    };
    resealed.push({ ...content, hash: hashHistoryEntry(content) });
  }
  return { entries: resealed, legacyHeadHash: entries[entries.length - 1].hash };
}
