import { ActorRef } from './actor';
import { IntentStatus } from './intent-view';

/** One link of an intent's tamper-evident audit trail. */
export interface HistoryEntryView {
  /** 1, 2, 3… within the intent. */
  sequence: number;
  intentId: string;
  /** `created`, `submit`, `approve`, `auto-approve`, `amend`, `schedule`, `start`, …, and an approver's
   * `conflict.overridden` / `conflict.acknowledged` (same status before and after). */
  action: string;
  actor: ActorRef;
  fromStatus: IntentStatus | null;
  toStatus: IntentStatus;
  notes: string | null;
  at: string;
  correlationId: string;
  /** SHA-256 (hex) of the previous entry's hash and this entry's content. */
  hash: string;
  previousHash: string | null;
}

export interface HistoryVerification {
  intentId: string;
  intact: boolean;
  entries: number;
  /** The first entry whose stored hash does not match its recomputed one, or whose link is broken. */
  firstBrokenSequence: number | null;
  reason: string | null;
}

/**
 * A completed refresh, as `GET /environments/{id}/refresh-history` lists it. One whose intent the
 * caller may not see is `hidden: true` with its times only: no intent id, type, facts or people.
 */
export interface RefreshRecordView {
  hidden?: true;
  intentId?: string;
  environmentId: string;
  refreshType?: string;
  completedAt: string;
  startedAt: string | null;
  durationSeconds: number | null;
  rowsAffected: number | null;
  dataVolumeGb: number | null;
  logUrl: string | null;
  completedBy?: ActorRef;
}
