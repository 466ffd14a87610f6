import { Inject, Injectable } from '@nestjs/common';
import { ConflictFindingView, ConflictView, IntentView } from '@envrefresh/contracts';
import { retryingTransientFailures } from '@envrefresh/application';
import { IntentViewer, Problems, isUuid, parseInstant } from '@envrefresh/kernel';
import { TransactionContext, UnitOfWork } from '@envrefresh/messaging';
import { toFindingView } from '../../detection/application/conflict-check.query';
import { RULE_SET } from '../../detection/application/rule-set.token';
import { SITUATION_LOADER, SituationLoader } from '../../detection/application/situation-loader.port';
import { causeKey, evaluate } from '../../detection/domain/evaluate';
import { overlaps, Interval } from '@envrefresh/recurrence';
import { RuleSet } from '../../detection/domain/rule-set';
import { WORLD_REPOSITORY, WorldRepository } from '../../world/application/world.repository.port';
import { CONFLICT_REGISTER, ConflictRegister } from './conflict-register.port';
import { RECOMPUTATION_LOCK, RecomputationLock } from './recomputation-lock.port';
import { RecomputeConflictsService } from './recompute-conflicts.service';
import { WorldChangesService } from './world-changes.service';

export interface GateAnswer {
  blocking: ConflictView[];
  ahead: ConflictFindingView[];
}

/**
 * The approval gate's question (ADR 0009), asked by the intents service at approve and start. The
 * intent as it stands there is taken in first (an approve right after a submit must not race the
 * `intent.requested` event), then its conflicts are recomputed against everything known now: a
 * blackout added a second ago counts. For a start (`from`), what counts is from that moment to
 * plannedEnd: stored OPEN BLOCKING conflicts overlapping it, and BLOCKING findings no stored
 * conflict covers (a start ahead of plannedStart meets what lies before it).
 */
@Injectable()
export class ApprovalGateQuery {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly worldChanges: WorldChangesService,
    private readonly recomputer: RecomputeConflictsService,
    @Inject(CONFLICT_REGISTER) private readonly register: ConflictRegister,
    @Inject(RECOMPUTATION_LOCK) private readonly lock: RecomputationLock,
    @Inject(WORLD_REPOSITORY) private readonly world: WorldRepository,
    @Inject(SITUATION_LOADER) private readonly situations: SituationLoader,
    @Inject(RULE_SET) private readonly ruleSet: RuleSet,
  ) {}

  /** `viewer`: the user the gate is asked for; findings about intents they may not see are worded discreetly. */
  async blockingFor(
    viewer: IntentViewer,
    intentId: unknown,
    intent?: IntentView,
    from?: unknown,
  ): Promise<GateAnswer> {
    const problems = new Problems();
    if (!isUuid(intentId)) problems.add('intentId', 'must be a UUID');
    const since = from === undefined ? undefined : parseInstant(from, 'from', problems);
    problems.throwIfAny('REQUEST.INVALID');
    const id = intentId as string;
    // Recomputations of neighbouring intents by event handlers may lock the same rows in another order.
    return retryingTransientFailures(() =>
      this.unitOfWork.run(async (transaction) => {
        // The intents service waits on this answer: its turn, waiting no longer than a request may.
        await this.lock.acquireForRequest(transaction.manager);
        if (intent && intent.id === id) await this.worldChanges.intentChanged(transaction, intent);
        await this.recomputer.recompute(transaction, [id]);
        const blocking = await this.register.openBlockingFor(transaction.manager, id);
        return since ? this.fromNowOn(transaction, id, blocking, since, viewer) : { blocking, ahead: [] };
      }),
    );
  }

  private async fromNowOn(
    transaction: TransactionContext,
    intentId: string,
    stored: ConflictView[],
    since: Date,
    viewer: IntentViewer,
  ): Promise<GateAnswer> {
    const intent = await this.world.lockIntent(transaction.manager, intentId);
    if (!intent || since >= intent.end) return { blocking: [], ahead: [] };
    const span: Interval = { start: since, end: intent.end };
    const blocking = stored.filter((conflict) =>
      overlaps({ start: new Date(conflict.window.start), end: new Date(conflict.window.end) }, span),
    );
    const known = new Set(
      (await this.register.liveFor(transaction.manager, intentId)).map((c) => c.causeKey),
    );
    const candidate = {
      intentId,
      environmentId: intent.environmentId,
      window: span,
      ...(intent.source ? { source: intent.source } : {}),
    };
    const situation = await this.situations.load(transaction.manager, candidate, span);
    const ahead = situation
      ? evaluate(candidate, situation, this.ruleSet).filter(
          (finding) => finding.severity === 'BLOCKING' && !known.has(causeKey(finding)),
        )
      : [];
    return { blocking, ahead: ahead.map((finding) => toFindingView(finding, viewer)) };
  }
}
