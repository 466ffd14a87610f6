import {
  INTENT_ACTIONS,
  IntentAction,
  IntentStatus,
  RefreshType,
  AMENDABLE_STATUSES,
  LifecycleAction,
  nextStatus,
} from '@envrefresh/contracts';
import {
  ActingUser,
  ActorRef,
  Problems,
  SYSTEM_ACTOR,
  ValidationError,
  actorRefOf,
  parseInstant,
  NOTES_MAX_LENGTH,
} from '@envrefresh/kernel';
import { ExecutionFacts, readExecutionFacts } from './execution-facts';
import {
  blockingConflicts,
  invalidTransition,
  notAmendable,
  staleVersion,
  tooEarlyToStart,
} from './intent.errors';
import { Filing, IntentSource, checkWindow, readGroups, readReason } from './intent-input.validation';
import { assertMayPerform } from './intent-policy';

export interface IntentState {
  id: string;
  environmentId: string;
  refreshType: RefreshType;
  status: IntentStatus;
  plannedStart: Date;
  plannedEnd: Date;
  reason: string;
  source?: IntentSource;
  notificationGroups: string[];
  externalRef: string | null;
  requestedBy: ActorRef;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  approvedBy?: ActorRef;
  approvedAt?: Date;
  autoApproved?: boolean;
  startedAt?: Date;
  completedAt?: Date;
  completedBy?: ActorRef;
  execution?: ExecutionFacts;
}

export type IntentEventType =
  | 'intent.drafted'
  | 'intent.requested'
  | 'intent.amended'
  | 'intent.approved'
  | 'intent.rejected'
  | 'intent.scheduled'
  | 'intent.started'
  | 'intent.completed'
  | 'intent.failed'
  | 'intent.rolled_back'
  | 'intent.cancelled';

/** One step of the intent's life: a history entry and the event announcing it, with the intent after it. */
export interface IntentChange {
  action: string;
  actor: ActorRef;
  fromStatus: IntentStatus | null;
  toStatus: IntentStatus;
  notes: string | null;
  at: Date;
  eventType: IntentEventType;
  state: IntentState;
}

/** What the aggregate needs to know about the intent's environment. */
export interface ApprovalPolicy {
  requiresApproval: boolean;
}

/** ...and, for the lifecycle actions, whose group owns it: only that group decides. */
export interface EnvironmentPolicy extends ApprovalPolicy {
  ownerGroup: string | null;
}

export interface TransitionCommand {
  action: unknown;
  version: unknown;
  notes?: unknown;
  facts?: unknown;
  /**
   * For approve and start: the OPEN BLOCKING conflicts the conflicts service reported at that
   * moment, asked by this service itself (ADR 0009), never taken from the caller.
   */
  blockingConflictIds?: readonly string[];
  /** For start: explanations of BLOCKING findings between now and plannedStart (a start ahead of the plan). */
  blockingFindings?: readonly string[];
  /** For start: how long before plannedStart a refresh may start (START_EARLY_TOLERANCE). */
  startEarlyToleranceMs?: number;
}

export interface AmendCommand {
  version: unknown;
  plannedStart?: unknown;
  plannedEnd?: unknown;
  reason?: unknown;
  notificationGroups?: unknown;
}

/** An intent in these states when its window begins was never approved, and expires. */
export const EXPIRING_STATUSES: readonly IntentStatus[] = ['DRAFT', 'REQUESTED'];
export const EXPIRY_NOTE = 'expired: the window passed before approval';

const EVENT_OF: Record<LifecycleAction, IntentEventType> = {
  submit: 'intent.requested',
  approve: 'intent.approved',
  'auto-approve': 'intent.approved',
  reject: 'intent.rejected',
  schedule: 'intent.scheduled',
  start: 'intent.started',
  complete: 'intent.completed',
  fail: 'intent.failed',
  rollback: 'intent.rolled_back',
  cancel: 'intent.cancelled',
};

const NOTES_REQUIRED: readonly IntentAction[] = ['reject', 'fail'];
const GATED: readonly IntentAction[] = ['approve', 'start'];

/**
 * A planned refresh of one environment and its whole lifecycle. Every accepted command records
 * the changes it made (one per status step, each bumping `version`), which the application turns
 * into history entries and events in one transaction.
 */
export class RefreshIntent {
  private changes: IntentChange[] = [];
  private readonly loadedVersion: number;

  private constructor(
    private state: IntentState,
    loadedVersion: number,
  ) {
    this.loadedVersion = loadedVersion;
  }

  static file(
    filing: Filing,
    context: { id: string; requester: ActingUser; environment: ApprovalPolicy; now: Date },
  ): RefreshIntent {
    assertMayPerform(context.requester, 'create', context.requester);
    const { submit, ...fields } = filing;
    const intent = new RefreshIntent(
      {
        ...fields,
        id: context.id,
        status: submit ? 'REQUESTED' : 'DRAFT',
        requestedBy: actorRefOf(context.requester),
        version: 1,
        createdAt: context.now,
        updatedAt: context.now,
      },
      0,
    );
    intent.record(
      'created',
      actorRefOf(context.requester),
      null,
      null,
      submit ? 'intent.requested' : 'intent.drafted',
      context.now,
    );
    if (submit) intent.autoApproveIfStandard(context.environment, context.now);
    return intent;
  }

  static restore(state: IntentState): RefreshIntent {
    return new RefreshIntent(cloneState(state), state.version);
  }

  get id(): string {
    return this.state.id;
  }

  get status(): IntentStatus {
    return this.state.status;
  }

  get environmentId(): string {
    return this.state.environmentId;
  }

  get requestedBy(): ActorRef {
    return this.state.requestedBy;
  }

  get notificationGroups(): readonly string[] {
    return this.state.notificationGroups;
  }

  /** The version the stored row had when loaded (0 for a new intent): the guard of the UPDATE. */
  get expectedStoredVersion(): number {
    return this.loadedVersion;
  }

  /**
   * One API action. Checks, in order: well-formed input (400), the caller's version (409
   * STALE_VERSION), the state machine (409 INVALID_TRANSITION), who may act (403), required notes
   * (400), open BLOCKING conflicts for approve and start (409).
   */
  perform(user: ActingUser, command: TransitionCommand, environment: EnvironmentPolicy, now: Date): void {
    const { action: intentAction, to, notes, facts } = this.admit(user, command, environment.ownerGroup, now);
    const conflictIds = command.blockingConflictIds ?? [];
    const findings = command.blockingFindings ?? [];
    if (GATED.includes(intentAction) && (conflictIds.length > 0 || findings.length > 0))
      throw blockingConflicts(intentAction, [...conflictIds], [...findings]);

    const actor = actorRefOf(user);
    if (intentAction === 'approve')
      this.state = { ...this.state, approvedBy: actor, approvedAt: now, autoApproved: false };
    if (intentAction === 'start') this.state = { ...this.state, startedAt: now };
    if (intentAction === 'complete') {
      this.state = {
        ...this.state,
        completedAt: now,
        completedBy: actor,
        ...(facts ? { execution: facts } : {}),
      };
    }
    this.record(intentAction, actor, to, notes, EVENT_OF[intentAction], now);
    if (intentAction === 'submit') this.autoApproveIfStandard(environment, now);
  }

  /**
   * Everything `perform` checks before conflicts, so the use case asks the conflicts service only
   * for an action that could otherwise go through: well-formed input (400), the caller's version
   * (409 STALE_VERSION), the state machine (409 INVALID_TRANSITION), who may act (403), required
   * notes (400), and for start the earliest moment (409 TOO_EARLY).
   */
  admit(
    user: ActingUser,
    command: TransitionCommand,
    ownerGroup: string | null,
    now: Date,
  ): { action: IntentAction; to: IntentStatus; notes: string | null; facts: ExecutionFacts | undefined } {
    const problems = new Problems();
    const action = command.action;
    if (!(INTENT_ACTIONS as readonly unknown[]).includes(action)) {
      problems.add('action', `must be one of ${INTENT_ACTIONS.join(', ')}`);
    }
    readVersion(command.version, problems);
    const notes = readNotes(command.notes, problems);
    const facts = readExecutionFacts(command.facts, problems);
    problems.throwIfAny('INTENT.INVALID');
    const intentAction = action as IntentAction;

    this.checkVersion(command.version as number);
    const to = nextStatus(this.state.status, intentAction);
    if (!to) throw invalidTransition(this.state.status, intentAction);
    assertMayPerform(user, intentAction, this.state.requestedBy, ownerGroup);
    if (NOTES_REQUIRED.includes(intentAction) && notes === null) {
      throw new ValidationError('INTENT.INVALID', [
        { field: 'notes', message: `are required to ${intentAction}` },
      ]);
    }
    if (intentAction === 'start' && command.startEarlyToleranceMs !== undefined) {
      const earliest = new Date(this.state.plannedStart.getTime() - command.startEarlyToleranceMs);
      if (now < earliest) throw tooEarlyToStart(earliest, this.state.plannedStart);
    }
    return { action: intentAction, to, notes, facts };
  }

  /**
   * Amends window, reason or notification groups. A new window on an APPROVED or SCHEDULED intent
   * sends it back to REQUESTED for re-approval (automatic again where the environment needs none).
   * Returns false when nothing would change.
   */
  amend(user: ActingUser, command: AmendCommand, environment: ApprovalPolicy, now: Date): boolean {
    const problems = new Problems();
    readVersion(command.version, problems);
    const has = (value: unknown) => value !== undefined && value !== null;
    const plannedStart = has(command.plannedStart)
      ? parseInstant(command.plannedStart, 'plannedStart', problems)
      : undefined;
    const plannedEnd = has(command.plannedEnd)
      ? parseInstant(command.plannedEnd, 'plannedEnd', problems)
      : undefined;
    const reason = has(command.reason) ? readReason(command.reason, problems) : undefined;
    const groups = has(command.notificationGroups)
      ? readGroups(command.notificationGroups, problems)
      : undefined;
    if (![command.plannedStart, command.plannedEnd, command.reason, command.notificationGroups].some(has)) {
      problems.add('body', 'name at least one of plannedStart, plannedEnd, reason, notificationGroups');
    }
    problems.throwIfAny('INTENT.INVALID');

    this.checkVersion(command.version as number);
    if (!AMENDABLE_STATUSES.includes(this.state.status)) throw notAmendable(this.state.status);
    assertMayPerform(user, 'amend', this.state.requestedBy);
    const start = plannedStart ?? this.state.plannedStart;
    const end = plannedEnd ?? this.state.plannedEnd;
    checkWindow(start, end, problems);
    problems.throwIfAny('INTENT.INVALID');

    const windowChanged =
      start.getTime() !== this.state.plannedStart.getTime() ||
      end.getTime() !== this.state.plannedEnd.getTime();
    const next = { ...this.state, plannedStart: start, plannedEnd: end };
    if (reason !== undefined) next.reason = reason;
    if (groups !== undefined) next.notificationGroups = groups;
    if (
      !windowChanged &&
      next.reason === this.state.reason &&
      sameList(next.notificationGroups, this.state.notificationGroups)
    ) {
      return false;
    }
    const backToRequested =
      windowChanged && (this.state.status === 'APPROVED' || this.state.status === 'SCHEDULED');
    this.state = backToRequested
      ? { ...next, approvedBy: undefined, approvedAt: undefined, autoApproved: undefined }
      : next;
    this.record('amend', actorRefOf(user), backToRequested ? 'REQUESTED' : null, null, 'intent.amended', now);
    if (backToRequested) this.autoApproveIfStandard(environment, now);
    return true;
  }

  /**
   * The scheduling service registered the schedule of this window: APPROVED → SCHEDULED. Returns
   * false (and changes nothing) for a schedule that is no longer current: the intent has moved on,
   * or the schedule is for a window the intent no longer has.
   */
  markScheduled(window: { plannedStart: Date; plannedEnd: Date }, now: Date): boolean {
    if (this.state.status !== 'APPROVED') return false;
    if (
      window.plannedStart.getTime() !== this.state.plannedStart.getTime() ||
      window.plannedEnd.getTime() !== this.state.plannedEnd.getTime()
    ) {
      return false;
    }
    this.record('schedule', SYSTEM_ACTOR, 'SCHEDULED', null, EVENT_OF.schedule, now);
    return true;
  }

  /**
   * Still DRAFT or REQUESTED when its plannedStart has come: nobody approved it in time, so the
   * system cancels it (SPEC "Calendar (scheduling)"). Returns false, changing nothing, for an
   * intent that was decided meanwhile or whose (amended) start is still ahead.
   */
  expire(now: Date): boolean {
    if (!EXPIRING_STATUSES.includes(this.state.status) || this.state.plannedStart > now) return false;
    this.record('expire', SYSTEM_ACTOR, 'CANCELLED', EXPIRY_NOTE, 'intent.cancelled', now);
    return true;
  }

  /** The changes since load or the last call, oldest first. */
  pullChanges(): IntentChange[] {
    const changes = this.changes;
    this.changes = [];
    return changes;
  }

  snapshot(): IntentState {
    return cloneState(this.state);
  }

  private autoApproveIfStandard(environment: ApprovalPolicy, now: Date): void {
    if (environment.requiresApproval || this.state.status !== 'REQUESTED') return;
    this.state = { ...this.state, approvedBy: { ...SYSTEM_ACTOR }, approvedAt: now, autoApproved: true };
    this.record(
      'auto-approve',
      SYSTEM_ACTOR,
      'APPROVED',
      'approved automatically: the environment requires no approval',
      EVENT_OF['auto-approve'],
      now,
    );
  }

  private checkVersion(given: number): void {
    if (given !== this.state.version) throw staleVersion(given, this.state.version);
  }

  /** `to` null: the status stays; the first change of a new intent has no `from`. */
  private record(
    action: string,
    actor: ActorRef,
    to: IntentStatus | null,
    notes: string | null,
    eventType: IntentEventType,
    now: Date,
  ): void {
    const isCreation = action === 'created';
    const from = isCreation ? null : this.state.status;
    if (!isCreation) {
      this.state = {
        ...this.state,
        status: to ?? this.state.status,
        version: this.state.version + 1,
        updatedAt: now,
      };
    }
    this.changes.push({
      action,
      actor: { ...actor },
      fromStatus: from,
      toStatus: this.state.status,
      notes,
      at: now,
      eventType,
      state: cloneState(this.state),
    });
  }
}

function readVersion(value: unknown, problems: Problems): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    problems.add('version', 'is required: the version of the intent you read');
  }
}

function readNotes(value: unknown, problems: Problems): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > NOTES_MAX_LENGTH) {
    problems.add('notes', `must be a string of at most ${NOTES_MAX_LENGTH} characters`);
    return null;
  }
  return value.trim() === '' ? null : value.trim();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function cloneState(state: IntentState): IntentState {
  return {
    ...state,
    notificationGroups: [...state.notificationGroups],
    requestedBy: { ...state.requestedBy },
    ...(state.source ? { source: { ...state.source } } : {}),
    ...(state.execution ? { execution: { ...state.execution } } : {}),
  };
}
