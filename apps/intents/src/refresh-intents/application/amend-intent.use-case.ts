import { Injectable } from '@nestjs/common';
import { AmendIntentPayload, IntentView } from '@envrefresh/contracts';
import { UnitOfWork } from '@envrefresh/messaging';
import { actingUserOf } from '@envrefresh/application';
import { Clock } from '@envrefresh/kernel';
import { toIntentView } from './intent-view.mapper';
import { IntentChangeRecorder } from './intent-change.recorder';
import { VisibleIntentLoader } from './visible-intent.loader';

/**
 * Amends window, reason or notification groups. A new window on an APPROVED or SCHEDULED intent
 * returns it to REQUESTED; `intent.amended` carries the intent as it now is, so the scheduling
 * service can drop the old schedule. An amendment that changes nothing changes no version.
 */
@Injectable()
export class AmendIntentUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly loader: VisibleIntentLoader,
    private readonly recorder: IntentChangeRecorder,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, payload }: { actor: unknown; payload: AmendIntentPayload }): Promise<IntentView> {
    const user = actingUserOf(actor);
    return this.unitOfWork.run(async (transaction) => {
      const { intent, environment } = await this.loader.load(transaction.manager, user, payload?.intentId);
      const { intentId: _intentId, ...command } = payload;
      const changed = intent.amend(
        user,
        command,
        environment ?? { requiresApproval: true },
        this.clock.now(),
      );
      return changed ? this.recorder.save(transaction, intent) : toIntentView(intent.snapshot());
    });
  }
}
