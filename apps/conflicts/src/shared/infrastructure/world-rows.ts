import type { EnvironmentTier, IntentStatus, MaintenanceWindow, WindowKind } from '@envrefresh/contracts';
import { EnvironmentNode } from '../../world/domain/environment-node';
import { IntentWindow } from '../../world/domain/intent-window';

export const INTENT_WINDOW_COLUMNS = `intent_id, environment_id, status, refresh_type, lower(planned) AS start,
  upper(planned) AS "end", source_environment_id, source_snapshot, requested_by, notification_groups, version`;

export interface IntentWindowRow {
  intent_id: string;
  environment_id: string;
  status: IntentStatus;
  refresh_type: string;
  start: Date;
  end: Date;
  source_environment_id: string | null;
  source_snapshot: string | null;
  requested_by: string;
  notification_groups: string[];
  version: number;
}

export function toIntentWindow(row: IntentWindowRow): IntentWindow {
  const source = {
    ...(row.source_environment_id ? { environmentId: row.source_environment_id } : {}),
    ...(row.source_snapshot ? { snapshot: row.source_snapshot } : {}),
  };
  return {
    intentId: row.intent_id,
    environmentId: row.environment_id,
    status: row.status,
    refreshType: row.refresh_type,
    start: row.start,
    end: row.end,
    ...(Object.keys(source).length > 0 ? { source } : {}),
    requestedBy: row.requested_by,
    notificationGroups: row.notification_groups,
    version: Number(row.version),
  };
}

export function intentWindowRow(intent: IntentWindow): Record<string, unknown> & { version: number } {
  return {
    intent_id: intent.intentId,
    environment_id: intent.environmentId,
    status: intent.status,
    refresh_type: intent.refreshType,
    planned: `[${intent.start.toISOString()},${intent.end.toISOString()})`,
    source_environment_id: intent.source?.environmentId ?? null,
    source_snapshot: intent.source?.snapshot ?? null,
    requested_by: intent.requestedBy,
    notification_groups: intent.notificationGroups,
    version: intent.version,
  };
}

export const ENVIRONMENT_COLUMNS = `id, key, name, tier, owner_group, timezone, depends_on, maintenance_windows, version`;

export interface EnvironmentRow {
  id: string;
  key: string;
  name: string;
  tier: EnvironmentTier;
  owner_group: string;
  timezone: string;
  depends_on: string[];
  maintenance_windows: MaintenanceWindow[];
  version: string;
}

export function toEnvironmentNode(row: EnvironmentRow): EnvironmentNode {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    tier: row.tier,
    ownerGroup: row.owner_group,
    timezone: row.timezone,
    dependsOn: row.depends_on,
    maintenanceWindows: row.maintenance_windows,
    version: Number(row.version),
  };
}

export function environmentRow(node: EnvironmentNode): Record<string, unknown> & { version: number } {
  return {
    id: node.id,
    key: node.key,
    name: node.name,
    tier: node.tier,
    owner_group: node.ownerGroup,
    timezone: node.timezone,
    depends_on: node.dependsOn,
    maintenance_windows: JSON.stringify(node.maintenanceWindows),
    version: node.version,
  };
}

export const WINDOW_COLUMNS = `id, kind, name, scope_environment_ids, scope_tiers, lower(during) AS start,
  upper(during) AS "end", rrule, duration, timezone, starts_at, until, lower(span) AS span_start,
  upper(span) AS span_end`;

/** A `/windows` window as the catalog snapshot keeps it; `span_*` bound every occurrence. */
export interface WindowRow {
  id: string;
  kind: WindowKind;
  name: string;
  scope_environment_ids: string[];
  scope_tiers: EnvironmentTier[];
  start: Date | null;
  end: Date | null;
  rrule: string | null;
  duration: string | null;
  timezone: string | null;
  starts_at: Date | null;
  until: Date | null;
  span_start: Date;
  /** Null: the recurrence never ends. */
  span_end: Date | null;
}
