import type { IntentSource, IntentStatus, IntentView } from '@envrefresh/contracts';

/** The statuses in which an intent claims its environment (SPEC: "active intent, REQUESTED … IN_PROGRESS"). */
export const ACTIVE_INTENT_STATUSES: readonly IntentStatus[] = [
  'REQUESTED',
  'APPROVED',
  'SCHEDULED',
  'IN_PROGRESS',
];

/**
 * What conflict detection knows of an intent: where and when it wants its environment, what it
 * reads from, and who may see it. Windows are half-open [start, end).
 */
export interface IntentWindow {
  intentId: string;
  environmentId: string;
  status: IntentStatus;
  refreshType: string;
  start: Date;
  end: Date;
  source?: IntentSource;
  requestedBy: string;
  notificationGroups: string[];
  version: number;
}

export function isActive(status: IntentStatus): boolean {
  return ACTIVE_INTENT_STATUSES.includes(status);
}

export function intentWindowOf(intent: IntentView): IntentWindow {
  const source =
    intent.source && (intent.source.environmentId || intent.source.snapshot)
      ? {
          ...(intent.source.environmentId ? { environmentId: intent.source.environmentId } : {}),
          ...(intent.source.snapshot ? { snapshot: intent.source.snapshot } : {}),
        }
      : undefined;
  return {
    intentId: intent.id,
    environmentId: intent.environmentId,
    status: intent.status,
    refreshType: intent.refreshType,
    start: new Date(intent.plannedStart),
    end: new Date(intent.plannedEnd),
    ...(source ? { source } : {}),
    requestedBy: intent.requestedBy.sub,
    notificationGroups: intent.notificationGroups ?? [],
    version: intent.version,
  };
}
