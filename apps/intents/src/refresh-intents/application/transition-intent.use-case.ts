import { Inject, Injectable, Logger } from '@nestjs/common';
import { IntentView, TransitionIntentPayload } from '@envrefresh/contracts';
import { UnitOfWork } from '@envrefresh/messaging';
import { actingUserOf } from '@envrefresh/application';
import { recordSecurityEvent } from '@envrefresh/observability';
import { Clock } from '@envrefresh/kernel';
import { INTENT_ENVIRONMENTS, IntentEnvironments } from './intent-environments.port';
import { IntentChangeRecorder } from './intent-change.recorder';
import { VisibleIntentLoader } from './visible-intent.loader';

/** Where an intent's environment is not in the catalog, it is treated as needing approval. */
const UNKNOWN_ENVIRONMENT_POLICY = { requiresApproval: true, ownerGroup: null };

/**
 * One action of the state machine (submit, approve, reject, start, complete, fail, rollback,
 * cancel). A completed refresh also moves its environment's lastRefreshedAt, in the same transaction.
 */
@Injectable()
export class TransitionIntentUseCase {
  private readonly securityLogger = new Logger('Security');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly loader: VisibleIntentLoader,
    private readonly recorder: IntentChangeRecorder,
    @Inject(INTENT_ENVIRONMENTS) private readonly environments: IntentEnvironments,
    private readonly clock: Clock,
  ) {}

  async execute({
    actor,
    payload,
  }: {
    actor: unknown;
    payload: TransitionIntentPayload;
  }): Promise<IntentView> {
    const user = actingUserOf(actor);
    const view = await this.unitOfWork.run(async (transaction) => {
      const { intent, environment } = await this.loader.load(transaction.manager, user, payload?.intentId);
      const now = this.clock.now();
      intent.perform(user, payload, environment ?? UNKNOWN_ENVIRONMENT_POLICY, now);
      const view = await this.recorder.save(transaction, intent);
      if (view.status === 'COMPLETED')
        await this.environments.recordRefresh(transaction, intent.environmentId, now);
      return view;
    });
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
}

/** The actions only the owner group (or an admin) may take: each one is on the security trail. */
const DECISIONS: readonly string[] = ['approve', 'reject', 'start', 'complete', 'fail', 'rollback'];
