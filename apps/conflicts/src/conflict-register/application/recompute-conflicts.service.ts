import { Inject, Injectable } from '@nestjs/common';
import { conflictDetectedEvent, conflictResolvedEvent } from '@envrefresh/contracts';
import { EventFactory, TransactionContext } from '@envrefresh/messaging';
import { Clock } from '@envrefresh/kernel';
import { RULE_SET } from '../../detection/application/rule-set.token';
import { SITUATION_LOADER, SituationLoader } from '../../detection/application/situation-loader.port';
import { causeKey, evaluate } from '../../detection/domain/evaluate';
import { RuleSet } from '../../detection/domain/rule-set';
import { Candidate, Finding } from '../../detection/domain/situation';
import { WORLD_REPOSITORY, WorldRepository } from '../../world/application/world.repository.port';
import { IntentWindow, isActive } from '../../world/domain/intent-window';
import { planReconciliation } from '../domain/reconciliation';
import { CONFLICT_REGISTER, ConflictRegister } from './conflict-register.port';

/**
 * An intent the caller's transaction has just written and holds locked (ProjectionChange.current),
 * so its recomputation reads neither the row again nor, when `firstHeld`, conflicts it cannot
 * have: conflicts are only ever recorded for, and caused by, intents this service holds.
 */
export interface JustWritten {
  window: IntentWindow;
  /** Not held before the caller's transaction. */
  firstHeld: boolean;
}

/**
 * Makes the stored conflicts of intents say what the rules find now: new causes are detected,
 * causes that went away are resolved, each announced through the outbox in the caller's
 * transaction. An intent that is no longer active keeps no open conflict.
 */
@Injectable()
export class RecomputeConflictsService {
  constructor(
    private readonly events: EventFactory,
    @Inject(WORLD_REPOSITORY) private readonly world: WorldRepository,
    @Inject(CONFLICT_REGISTER) private readonly register: ConflictRegister,
    @Inject(SITUATION_LOADER) private readonly situations: SituationLoader,
    @Inject(RULE_SET) private readonly ruleSet: RuleSet,
    private readonly clock: Clock,
  ) {}

  /** Intents are taken in id order, so two transactions recomputing overlapping sets lock in one order. */
  async recompute(
    transaction: TransactionContext,
    intentIds: Iterable<string>,
    justWritten?: JustWritten,
  ): Promise<void> {
    const now = this.clock.now();
    for (const intentId of [...new Set(intentIds)].sort())
      await this.recomputeOne(
        transaction,
        intentId,
        now,
        justWritten?.window.intentId === intentId ? justWritten : undefined,
      );
  }

  private async recomputeOne(
    transaction: TransactionContext,
    intentId: string,
    now: Date,
    justWritten: JustWritten | undefined,
  ): Promise<void> {
    const { manager } = transaction;
    const intent = justWritten ? justWritten.window : await this.world.lockIntent(manager, intentId);
    const live = justWritten?.firstHeld ? [] : await this.register.liveFor(manager, intentId);
    const findings = intent && isActive(intent.status) ? await this.findingsFor(transaction, intent) : [];
    const plan = planReconciliation(live, findings);
    for (const gone of plan.resolve) {
      const view = await this.register.resolve(manager, gone.id, now);
      await transaction.publish(this.events.create(conflictResolvedEvent, view));
    }
    for (const finding of plan.detect) {
      const view = await this.register.detect(
        manager,
        { intentId, environmentId: (intent as IntentWindow).environmentId },
        finding,
        causeKey(finding),
        now,
      );
      await transaction.publish(this.events.create(conflictDetectedEvent, view));
    }
    for (const change of plan.reword) await this.register.reword(manager, change.id, change, now);
  }

  private async findingsFor(transaction: TransactionContext, intent: IntentWindow): Promise<Finding[]> {
    const candidate: Candidate = {
      intentId: intent.intentId,
      environmentId: intent.environmentId,
      window: { start: intent.start, end: intent.end },
      ...(intent.source ? { source: intent.source } : {}),
    };
    const situation = await this.situations.load(transaction.manager, candidate, candidate.window);
    return situation ? evaluate(candidate, situation, this.ruleSet) : [];
  }
}
