import { REFRESH_TYPES, RefreshType } from '@envrefresh/contracts';
import { FieldProblem, InvalidIntentError } from './intent.errors';

export type IntentStatus = 'DRAFT' | 'REQUESTED';

export interface Requester {
  sub: string;
  name?: string;
  email?: string;
}

export interface IntentState {
  id: string;
  environmentId: string;
  refreshType: RefreshType;
  status: IntentStatus;
  plannedStart: Date;
  plannedEnd: Date;
  reason: string;
  source?: { environmentId?: string; snapshot?: string };
  notificationGroups: string[];
  externalRef: string | null;
  requestedBy: Requester;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface FileIntentInput {
  id: string;
  environmentId: string;
  refreshType: string;
  plannedStart: string;
  plannedEnd: string;
  reason: string;
  source?: { environmentId?: string; snapshot?: string };
  notificationGroups?: string[];
  externalRef?: string;
  submit?: boolean;
  requestedBy: Requester;
}

const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A planned refresh of one environment. This walking-skeleton aggregate knows filing (as a draft
 * or straight to REQUESTED); the rest of the lifecycle grows here.
 */
export class RefreshIntent {
  private constructor(private readonly state: IntentState) {}

  static file(input: FileIntentInput, now: Date): RefreshIntent {
    const problems: FieldProblem[] = [];
    const plannedStart = parseInstant(input.plannedStart, 'plannedStart', problems);
    const plannedEnd = parseInstant(input.plannedEnd, 'plannedEnd', problems);
    if (plannedStart && plannedEnd && plannedEnd <= plannedStart) {
      problems.push({
        field: 'plannedEnd',
        message: 'must be after plannedStart (windows are half-open [start, end))',
      });
    }
    if (!(REFRESH_TYPES as readonly string[]).includes(input.refreshType)) {
      problems.push({ field: 'refreshType', message: `must be one of ${REFRESH_TYPES.join(', ')}` });
    }
    if (input.reason.trim().length === 0) problems.push({ field: 'reason', message: 'must not be blank' });
    if (problems.length > 0) throw new InvalidIntentError(problems);
    return new RefreshIntent({
      id: input.id,
      environmentId: input.environmentId,
      refreshType: input.refreshType as RefreshType,
      status: input.submit ? 'REQUESTED' : 'DRAFT',
      plannedStart: plannedStart as Date,
      plannedEnd: plannedEnd as Date,
      reason: input.reason.trim(),
      source: input.source,
      notificationGroups: [...new Set(input.notificationGroups ?? [])],
      externalRef: input.externalRef ?? null,
      requestedBy: input.requestedBy,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }

  static restore(state: IntentState): RefreshIntent {
    return new RefreshIntent({ ...state });
  }

  get status(): IntentStatus {
    return this.state.status;
  }

  snapshot(): IntentState {
    return { ...this.state, notificationGroups: [...this.state.notificationGroups] };
  }
}

function parseInstant(value: string, field: string, problems: FieldProblem[]): Date | undefined {
  const instant = new Date(value);
  if (!OFFSET_DATE_TIME.test(value) || Number.isNaN(instant.getTime())) {
    problems.push({
      field,
      message: 'must be an ISO-8601 date-time with an offset, e.g. 2026-12-01T22:00:00+01:00',
    });
    return undefined;
  }
  return instant;
}
