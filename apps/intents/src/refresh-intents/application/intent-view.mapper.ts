import { IntentView } from '@envrefresh/contracts';
import { IntentState } from '../domain/refresh-intent';

/** The intent as the API and every `intent.*` event show it. */
export function toIntentView(state: IntentState): IntentView {
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
  };
}
