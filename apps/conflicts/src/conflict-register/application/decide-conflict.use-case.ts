import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConflictView, conflictAcknowledgedEvent, conflictOverriddenEvent } from '@envrefresh/contracts';
import { actingUserOf } from '@envrefresh/application';
import {
  ActingUser,
  Clock,
  Problems,
  actorRefOf,
  canSeeIntent,
  isUuid,
  mayDecideOnIntent,
} from '@envrefresh/kernel';
import { EventFactory, UnitOfWork } from '@envrefresh/messaging';
import { recordSecurityEvent } from '@envrefresh/observability';
import {
  acknowledgeIsForWarnings,
  conflictNotFound,
  mayNotDecide,
  notInOwnerGroup,
  notOpen,
  overrideIsForBlocking,
  ownIntent,
} from '../domain/conflict.errors';
import { Discretion, asSeenBy } from '../../detection/domain/discretion';
import { CONFLICT_REGISTER, ConflictOnIntent, ConflictRegister } from './conflict-register.port';

const JUSTIFICATION = { min: 10, max: 2000 };
const NOTES_MAX = 2000;

/**
 * An approver's decision on a conflict: acknowledge a WARNING (seen, accepted), or override a
 * BLOCKING one with a justification so the intent may be approved and started. Each is announced
 * (`conflict.acknowledged`, `conflict.overridden`); the intents service writes it into the
 * intent's history.
 */
@Injectable()
export class DecideConflictUseCase {
  private readonly securityLogger = new Logger('Security');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventFactory,
    @Inject(CONFLICT_REGISTER) private readonly register: ConflictRegister,
    private readonly clock: Clock,
  ) {}

  async acknowledge(
    actor: unknown,
    payload: { conflictId?: unknown; notes?: unknown },
  ): Promise<ConflictView> {
    const user = actingUserOf(actor);
    const problems = new Problems();
    const conflictId = validId(payload?.conflictId, problems);
    const notes = optionalText(payload?.notes, 'notes', NOTES_MAX, problems);
    problems.throwIfAny('REQUEST.INVALID');
    const decided = this.unitOfWork.run(async (transaction) => {
      const { conflict, discretion } = await this.decidable(transaction.manager, user, conflictId, {
        ownIntent: true,
      });
      if (conflict.severity === 'BLOCKING') throw acknowledgeIsForWarnings();
      const view = await this.register.acknowledge(
        transaction.manager,
        conflict.id,
        actorRefOf(user),
        this.clock.now(),
        notes,
      );
      await transaction.publish(this.events.create(conflictAcknowledgedEvent, view));
      return seenBy(view, user, discretion);
    });
    return this.audited('conflict.acknowledge', user, await decided);
  }

  async override(
    actor: unknown,
    payload: { conflictId?: unknown; justification?: unknown },
  ): Promise<ConflictView> {
    const user = actingUserOf(actor);
    const problems = new Problems();
    const conflictId = validId(payload?.conflictId, problems);
    const justification = optionalText(payload?.justification, 'justification', JUSTIFICATION.max, problems);
    if (justification === undefined)
      problems.add('justification', 'is required: say why the refresh may go ahead');
    else if (justification.length < JUSTIFICATION.min)
      problems.add('justification', `must say why in at least ${JUSTIFICATION.min} characters`);
    problems.throwIfAny('REQUEST.INVALID');
    const decided = this.unitOfWork.run(async (transaction) => {
      const { conflict, discretion } = await this.decidable(transaction.manager, user, conflictId, {
        ownIntent: false,
      });
      if (conflict.severity !== 'BLOCKING') throw overrideIsForBlocking();
      const view = await this.register.override(
        transaction.manager,
        conflict.id,
        actorRefOf(user),
        this.clock.now(),
        justification as string,
      );
      await transaction.publish(this.events.create(conflictOverriddenEvent, view));
      return seenBy(view, user, discretion);
    });
    return this.audited('conflict.override', user, await decided);
  }

  private audited(action: string, user: ActingUser, view: ConflictView): ConflictView {
    recordSecurityEvent(this.securityLogger, {
      action,
      outcome: 'allowed',
      actor: user.sub,
      reason: user.isAdmin ? 'admin' : 'approver of the owner group of the environment',
      details: { conflictId: view.id, intentId: view.intentId, severity: view.severity, type: view.type },
    });
    return view;
  }

  private async decidable(
    manager: Parameters<ConflictRegister['lock']>[0],
    user: ActingUser,
    conflictId: string,
    allowed: { ownIntent: boolean },
  ): Promise<ConflictOnIntent> {
    const found = await this.register.lock(manager, conflictId);
    if (!found || !canSeeIntent(user, found.audience)) throw conflictNotFound(conflictId);
    if (!user.mayApprove) throw mayNotDecide();
    // Overriding a blocking conflict of your own intent would approve it yourself.
    if (!allowed.ownIntent && found.audience.requestedBySub === user.sub) throw ownIntent();
    if (!mayDecideOnIntent(user, found.audience)) throw notInOwnerGroup(found.audience.environmentOwnerGroup);
    if (found.conflict.status !== 'OPEN') throw notOpen(found.conflict);
    return found;
  }
}

/** The event carries the conflict in full; the caller reads it as they may (a hidden related intent is "another refresh"). */
function seenBy(view: ConflictView, user: ActingUser, discretion: Discretion): ConflictView {
  return asSeenBy(view, user, discretion, {
    start: new Date(view.window.start),
    end: new Date(view.window.end),
  });
}

function validId(value: unknown, problems: Problems): string {
  if (!isUuid(value)) problems.add('conflictId', 'must be a UUID');
  return value as string;
}

function optionalText(value: unknown, field: string, max: number, problems: Problems): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    problems.add(field, 'must be a string');
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed.length > max) problems.add(field, `must be at most ${max} characters`);
  return trimmed === '' ? undefined : trimmed;
}
