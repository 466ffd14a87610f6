import { ActorRef, HistoryEntryView, IntentView, RefreshRecordView } from '@envrefresh/contracts';
import { ExecutionFacts } from '../domain/execution-facts';
import { HistoryEntry } from '../domain/history-chain';
import { IntentState } from '../domain/refresh-intent';

/** IntentView plus the optional members this service adds once they have a value (the schema allows extras). */
export type IntentRecordView = IntentView & {
  approvedBy?: ActorRef;
  approvedAt?: string;
  autoApproved?: true;
  startedAt?: string;
  completedAt?: string;
  completedBy?: ActorRef;
  execution?: ExecutionFacts;
};

/**
 * The intent as the API and every `intent.*` event show it. Members beyond the contract's
 * required ones (approval, execution) appear once they have a value; the schema allows them.
 */
export function toIntentView(state: IntentState): IntentRecordView {
  return {
    id: state.id,
    environmentId: state.environmentId,
    refreshType: state.refreshType,
    status: state.status,
    plannedStart: state.plannedStart.toISOString(),
    plannedEnd: state.plannedEnd.toISOString(),
    reason: state.reason,
    ...(state.source ? { source: state.source } : {}),
    notificationGroups: state.notificationGroups,
    externalRef: state.externalRef,
    requestedBy: state.requestedBy,
    version: state.version,
    createdAt: state.createdAt.toISOString(),
    updatedAt: state.updatedAt.toISOString(),
    ...(state.approvedBy ? { approvedBy: state.approvedBy } : {}),
    ...(state.approvedAt ? { approvedAt: state.approvedAt.toISOString() } : {}),
    ...(state.autoApproved ? { autoApproved: true } : {}),
    ...(state.startedAt ? { startedAt: state.startedAt.toISOString() } : {}),
    ...(state.completedAt ? { completedAt: state.completedAt.toISOString() } : {}),
    ...(state.completedBy ? { completedBy: state.completedBy } : {}),
    ...(state.execution ? { execution: state.execution } : {}),
  };
}

/**
 * An entry as read: the sealed actor is a `sub` (or, for entries written before ADR 0013, the
 * whole reference); name and e-mail come from the people directory, and are gone once erased.
 */
export function toHistoryEntryView(
  entry: HistoryEntry,
  people: ReadonlyMap<string, ActorRef>,
): HistoryEntryView {
  return {
    sequence: entry.sequence,
    intentId: entry.intentId,
    action: entry.action,
    actor: people.get(entry.actor.sub) ?? entry.actor,
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    notes: entry.notes,
    at: entry.at.toISOString(),
    correlationId: entry.correlationId,
    hash: entry.hash,
    previousHash: entry.previousHash,
  };
}

export function toRefreshRecordView(state: IntentState): RefreshRecordView {
  const facts = state.execution ?? {};
  return {
    intentId: state.id,
    environmentId: state.environmentId,
    refreshType: state.refreshType,
    completedAt: (state.completedAt ?? state.updatedAt).toISOString(),
    startedAt: state.startedAt ? state.startedAt.toISOString() : null,
    durationSeconds: facts.durationSeconds ?? null,
    rowsAffected: facts.rowsAffected ?? null,
    dataVolumeGb: facts.dataVolumeGb ?? null,
    logUrl: facts.logUrl ?? null,
    completedBy: state.completedBy ?? state.requestedBy,
  };
}

/** A completed refresh the caller may not see: "another refresh" with its times, nothing that names it. */
export function toHiddenRefreshRecordView(state: IntentState): RefreshRecordView {
  return {
    hidden: true,
    environmentId: state.environmentId,
    completedAt: (state.completedAt ?? state.updatedAt).toISOString(),
    startedAt: state.startedAt ? state.startedAt.toISOString() : null,
    durationSeconds: null,
    rowsAffected: null,
    dataVolumeGb: null,
    logUrl: null,
  };
}
