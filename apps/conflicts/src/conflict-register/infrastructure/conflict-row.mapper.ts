import { ActorRef, ConflictView, RelatedRef } from '@envrefresh/contracts';

/** A row of conflicts.conflicts as node-postgres returns it, window split into its bounds. */
export interface ConflictRow {
  id: string;
  intent_id: string;
  environment_id: string;
  type: ConflictView['type'];
  severity: ConflictView['severity'];
  rule: string;
  explanation: string;
  related_ref: RelatedRef;
  window_start: Date;
  window_end: Date;
  status: ConflictView['status'];
  acknowledged_by: ActorRef | null;
  acknowledged_at: Date | null;
  overridden_by: ActorRef | null;
  overridden_at: Date | null;
  justification: string | null;
  resolved_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const PLAIN_COLUMNS = [
  'id',
  'intent_id',
  'environment_id',
  'type',
  'severity',
  'rule',
  'explanation',
  'related_ref',
  'status',
  'acknowledged_by',
  'acknowledged_at',
  'overridden_by',
  'overridden_at',
  'justification',
  'resolved_at',
  'created_at',
  'updated_at',
];

/** The SQL that selects a ConflictRow, its columns qualified by `alias` when the query joins. */
export function conflictColumns(alias?: string): string {
  const of = (column: string) => (alias ? `${alias}.${column}` : column);
  return [
    ...PLAIN_COLUMNS.map(of),
    `lower(${of('"window"')}) AS window_start`,
    `upper(${of('"window"')}) AS window_end`,
  ].join(', ');
}

export const CONFLICT_COLUMNS = conflictColumns();

export function toConflictView(row: ConflictRow): ConflictView {
  return {
    id: row.id,
    intentId: row.intent_id,
    environmentId: row.environment_id,
    type: row.type,
    severity: row.severity,
    rule: row.rule,
    explanation: row.explanation,
    relatedRef: row.related_ref,
    window: { start: row.window_start.toISOString(), end: row.window_end.toISOString() },
    status: row.status,
    ...(row.acknowledged_by ? { acknowledgedBy: row.acknowledged_by } : {}),
    ...(row.acknowledged_at ? { acknowledgedAt: row.acknowledged_at.toISOString() } : {}),
    ...(row.overridden_by ? { overriddenBy: row.overridden_by } : {}),
    ...(row.overridden_at ? { overriddenAt: row.overridden_at.toISOString() } : {}),
    ...(row.justification !== null ? { justification: row.justification } : {}),
    ...(row.resolved_at ? { resolvedAt: row.resolved_at.toISOString() } : {}),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
