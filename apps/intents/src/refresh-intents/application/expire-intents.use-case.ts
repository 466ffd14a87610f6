import { Inject, Injectable } from '@nestjs/common';
import { TransactionContext } from '@envrefresh/messaging';
import { Clock } from '@envrefresh/kernel';
import { INTENT_REPOSITORY, IntentRepository } from './intent.repository.port';
import { IntentChangeRecorder } from './intent-change.recorder';

/**
 * Intents still awaiting approval when their window began: CANCELLED by the system with the note
 * "expired: the window passed before approval" (`intent.cancelled`). Run by the expiry worker on
 * rows it holds locked, so no approval can slip in between the check and the change.
 */
@Injectable()
export class ExpireIntentsUseCase {
  constructor(
    private readonly recorder: IntentChangeRecorder,
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
    private readonly clock: Clock,
  ) {}

  /** Returns how many of them expired (an intent decided meanwhile is left alone). */
  async execute(transaction: TransactionContext, intentIds: readonly string[]): Promise<number> {
    let expired = 0;
    for (const id of intentIds) {
      const stored = await this.intents.findById(transaction.manager, id, { forUpdate: true });
      if (!stored?.intent.expire(this.clock.now())) continue;
      await this.recorder.save(transaction, stored.intent);
      expired += 1;
    }
    return expired;
  }
}
