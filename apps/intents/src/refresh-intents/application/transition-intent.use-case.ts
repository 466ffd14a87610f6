import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserRequestProof } from '@envrefresh/application';
import { IntentView, TransitionIntentPayload } from '@envrefresh/contracts';
import { ActingUser } from '@envrefresh/kernel';
import { UnitOfWork } from '@envrefresh/messaging';
import { recordSecurityEvent } from '@envrefresh/observability';
import { Clock } from '@envrefresh/kernel';
import { INTENTS_CONFIG, IntentsConfig } from '../../intents.config';
import { conflictCheckUnavailable } from '../domain/intent.errors';
import { TransitionCommand } from '../domain/refresh-intent';
import { CONFLICT_GATE, ConflictGate, GateVerdict } from './conflict-gate.port';
import { INTENT_ENVIRONMENTS, IntentEnvironments } from './intent-environments.port';
import { IntentChangeRecorder } from './intent-change.recorder';
import { toIntentView } from './intent-view.mapper';
import { VisibleIntentLoader } from './visible-intent.loader';
import { recordRefreshEnd } from './refresh-duration.metric';

/** Where an intent's environment is not in the catalog, it is treated as needing approval. */
const UNKNOWN_ENVIRONMENT_POLICY = { requiresApproval: true, ownerGroup: null };

/**
 * One action of the state machine (submit, approve, reject, start, complete, fail, rollback,
 * cancel). Approve and start first ask the conflicts service (ADR 0009), which owns the rule, and
 * fail closed (503) when it cannot answer. A completed refresh also moves its environment's
 * lastRefreshedAt, in the same transaction.
 */
@Injectable()
export class TransitionIntentUseCase {
  private readonly securityLogger = new Logger('Security');
  private readonly logger = new Logger(TransitionIntentUseCase.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly loader: VisibleIntentLoader,
    private readonly recorder: IntentChangeRecorder,
    @Inject(INTENT_ENVIRONMENTS) private readonly environments: IntentEnvironments,
    private readonly clock: Clock,
    @Inject(CONFLICT_GATE) private readonly gate: ConflictGate,
    @Inject(INTENTS_CONFIG) private readonly config: IntentsConfig,
  ) {}

  async execute({
    user,
    payload,
    proof,
  }: {
    user: ActingUser;
    payload: TransitionIntentPayload;
    /** The user's request as received, passed on to the conflicts service for approve and start. */
    proof: UserRequestProof;
  }): Promise<IntentView> {
    // Built member by member: whatever else the caller sent (a list of blocking conflicts…) is not read.
    const command: TransitionCommand = {
      action: payload?.action,
      version: payload?.version,
      notes: payload?.notes,
      facts: payload?.facts,
      startEarlyToleranceMs: this.config.startEarlyToleranceMs,
    };
    if (command.action === 'approve' || command.action === 'start')
      Object.assign(command, await this.askGate(user, command, payload?.intentId, proof));
    let recordEnd = () => {};
    const view = await this.unitOfWork.run(async (transaction) => {
      const { intent, environment } = await this.loader.load(transaction.manager, user, payload?.intentId);
      const now = this.clock.now();
      const statusBefore = intent.status;
      intent.perform(user, command, environment ?? UNKNOWN_ENVIRONMENT_POLICY, now);
      const view = await this.recorder.save(transaction, intent);
      if (view.status === 'COMPLETED')
        await this.environments.recordRefresh(transaction, intent.environmentId, now);
      // Observed once the transaction has committed, so a rolled-back attempt is not counted.
      recordEnd = () => recordRefreshEnd(statusBefore, intent.snapshot(), now);
      return view;
    });
    recordEnd();
    if (DECISIONS.includes(String(payload.action))) {
      recordSecurityEvent(this.securityLogger, {
        action: `intent.${String(payload.action)}`,
        outcome: 'allowed',
        actor: user.sub,
        reason: user.isAdmin ? 'admin' : 'member of the owner group of the environment',
        details: {
          intentId: view.id,
          environmentId: view.environmentId,
          status: view.status,
          version: view.version,
        },
      });
    }
    return view;
  }

  /**
   * Asks only about an action that would otherwise go through, so a stale version, a wrong status
   * or a forbidden caller keep their own answers. The version check inside the transaction makes
   * sure the intent judged is the intent changed.
   */
  private async askGate(
    user: ActingUser,
    command: TransitionCommand,
    intentId: unknown,
    proof: UserRequestProof,
  ): Promise<GateVerdict> {
    const { intent, environment } = await this.loader.load(this.dataSource.manager, user, intentId);
    const now = this.clock.now();
    const { action } = intent.admit(
      user,
      command,
      (environment ?? UNKNOWN_ENVIRONMENT_POLICY).ownerGroup,
      now,
    );
    try {
      return await this.gate.verdict(
        toIntentView(intent.snapshot()),
        proof,
        action === 'start' ? now : undefined,
      );
    } catch (error) {
      this.logger.warn(`conflict check for ${action} of ${intent.id} failed: ${(error as Error).message}`);
      throw conflictCheckUnavailable(action);
    }
  }
}

/** The actions only the owner group (or an admin) may take: each one is on the security trail. */
const DECISIONS: readonly string[] = ['approve', 'reject', 'start', 'complete', 'fail', 'rollback'];
