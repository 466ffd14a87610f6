import { Inject, Injectable, Logger } from '@nestjs/common';
import { ScheduleView } from '@envrefresh/contracts';
import { TransactionContext } from '@envrefresh/messaging';
import { Clock, isUuid } from '@envrefresh/kernel';
import { INTENT_REPOSITORY, IntentRepository } from './intent.repository.port';
import { IntentChangeRecorder } from './intent-change.recorder';

/**
 * The scheduling service registered an approved intent's schedule: APPROVED → SCHEDULED, by the
 * system. A schedule that is no longer current (the intent moved on, or its window changed) is
 * ignored, which also makes a redelivered event harmless. The row is locked first, so two copies
 * handled at once queue up instead of one failing on the version guard.
 */
@Injectable()
export class ScheduleIntentUseCase {
  private readonly logger = new Logger(ScheduleIntentUseCase.name);

  constructor(
    private readonly recorder: IntentChangeRecorder,
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
    private readonly clock: Clock,
  ) {}

  async execute(transaction: TransactionContext, schedule: ScheduleView): Promise<void> {
    const stored = isUuid(schedule.intentId)
      ? await this.intents.findById(transaction.manager, schedule.intentId, { forUpdate: true })
      : null;
    if (!stored) {
      this.logger.warn(`schedule.created for unknown intent ${schedule.intentId}: ignored`);
      return;
    }
    const window = {
      plannedStart: new Date(schedule.plannedStart),
      plannedEnd: new Date(schedule.plannedEnd),
    };
    if (!stored.intent.markScheduled(window, this.clock.now())) return;
    await this.recorder.save(transaction, stored.intent);
  }
}
