import { Inject, Injectable } from '@nestjs/common';
import { ConflictView, conflictAcknowledgedEvent, conflictOverriddenEvent } from '@envrefresh/contracts';
import { ActingUser, Problems, actorRefOf, isUuid } from '@envrefresh/kernel';
import { EventFactory, UnitOfWork } from '@envrefresh/messaging';
import {
  acknowledgeIsForWarnings,
  conflictNotFound,
  mayNotDecide,
  notOpen,
  overrideIsForBlocking,
  ownIntent,
} from '../domain/conflict.errors';
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
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventFactory,
    @Inject(CONFLICT_REGISTER) private readonly register: ConflictRegister,
  ) {}

  acknowledge(user: ActingUser, payload: { conflictId?: unknown; notes?: unknown }): Promise<ConflictView> {
    const problems = new Problems();
    const conflictId = validId(payload?.conflictId, problems);
    const notes = optionalText(payload?.notes, 'notes', NOTES_MAX, problems);
    problems.throwIfAny('REQUEST.INVALID');
    return this.unitOfWork.run(async (transaction) => {
      const { conflict } = await this.decidable(transaction.manager, user, conflictId);
      if (conflict.severity === 'BLOCKING') throw acknowledgeIsForWarnings();
      const view = await this.register.acknowledge(
        transaction.manager,
        conflict.id,
        actorRefOf(user),
        new Date(),
        notes,
      );
      await transaction.publish(this.events.create(conflictAcknowledgedEvent, view));
      return view;
    });
  }

  override(
    user: ActingUser,
    payload: { conflictId?: unknown; justification?: unknown },
  ): Promise<ConflictView> {
    const problems = new Problems();
    const conflictId = validId(payload?.conflictId, problems);
    const justification = optionalText(payload?.justification, 'justification', JUSTIFICATION.max, problems);
    if (justification === undefined)
      problems.add('justification', 'is required: say why the refresh may go ahead');
    else if (justification.length < JUSTIFICATION.min)
      problems.add('justification', `must say why in at least ${JUSTIFICATION.min} characters`);
    problems.throwIfAny('REQUEST.INVALID');
    return this.unitOfWork.run(async (transaction) => {
      const { conflict, requestedBy } = await this.decidable(transaction.manager, user, conflictId);
      if (requestedBy === user.sub) throw ownIntent();
      if (conflict.severity !== 'BLOCKING') throw overrideIsForBlocking();
      const view = await this.register.override(
        transaction.manager,
        conflict.id,
        actorRefOf(user),
        new Date(),
        justification as string,
      );
      await transaction.publish(this.events.create(conflictOverriddenEvent, view));
      return view;
    });
  }

  private async decidable(
    manager: Parameters<ConflictRegister['lock']>[0],
    user: ActingUser,
    conflictId: string,
  ): Promise<ConflictOnIntent> {
    const found = await this.register.lock(manager, conflictId);
    if (!found || !found.visibleTo(user)) throw conflictNotFound(conflictId);
    if (!user.mayApprove) throw mayNotDecide();
    if (found.conflict.status !== 'OPEN') throw notOpen(found.conflict);
    return found;
  }
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
