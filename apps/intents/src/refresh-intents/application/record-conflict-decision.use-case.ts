import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConflictView } from '@envrefresh/contracts';
import { PermanentEventError, TransactionContext } from '@envrefresh/messaging';
import { isUuid } from '@envrefresh/kernel';
import { CorrelationContext } from '@envrefresh/observability';
import { chainEntry } from '../domain/history-chain';
import {
  ConflictDecisionKind,
  conflictDecisionEntry,
  readConflictDecision,
} from '../domain/conflict-decision';
import { INTENT_HISTORY_REPOSITORY, IntentHistoryRepository } from './intent-history.repository.port';
import { INTENT_REPOSITORY, IntentRepository } from './intent.repository.port';

/**
 * An approver overrode or acknowledged a conflict of an intent: one entry in the intent's trail,
 * in the inbox transaction, so the audit shows who decided and why. The intent itself is left
 * alone (no new version, no `intent.*` event): clients' If-Match stays valid. Its row is locked
 * first, as the guarded UPDATE of IntentChangeRecorder locks it, so appends to one trail queue up
 * instead of racing for the same sequence. Redeliveries never get here: the inbox drops them.
 */
@Injectable()
export class RecordConflictDecisionUseCase {
  private readonly logger = new Logger(RecordConflictDecisionUseCase.name);

  constructor(
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
    @Inject(INTENT_HISTORY_REPOSITORY) private readonly history: IntentHistoryRepository,
  ) {}

  async execute(
    transaction: TransactionContext,
    kind: ConflictDecisionKind,
    conflict: ConflictView,
  ): Promise<void> {
    const reading = readConflictDecision(kind, conflict);
    if (!reading.ok) throw new PermanentEventError(reading.reason);
    const { manager } = transaction;
    const stored = isUuid(conflict.intentId)
      ? await this.intents.findById(manager, conflict.intentId, { forUpdate: true })
      : null;
    if (!stored) {
      this.logger.warn(
        `conflict.${kind} of conflict ${conflict.id} for unknown intent ${conflict.intentId}: ignored`,
      );
      return;
    }
    const { intent } = stored;
    const content = conflictDecisionEntry(reading.decision, intent, CorrelationContext.correlationId());
    const entry = chainEntry(await this.history.last(manager, intent.id), content);
    await this.history.append(manager, entry, content.actor);
  }
}
