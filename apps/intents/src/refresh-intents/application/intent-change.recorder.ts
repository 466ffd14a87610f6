import { Inject, Injectable } from '@nestjs/common';
import {
  EventDefinition,
  IntentView,
  intentAmendedEvent,
  intentApprovedEvent,
  intentCancelledEvent,
  intentCompletedEvent,
  intentDraftedEvent,
  intentFailedEvent,
  intentRejectedEvent,
  intentRequestedEvent,
  intentRolledBackEvent,
  intentScheduledEvent,
  intentStartedEvent,
} from '@envrefresh/contracts';
import { EventFactory, TransactionContext } from '@envrefresh/messaging';
import { CorrelationContext } from '@envrefresh/observability';
import { chainEntry } from '../domain/history-chain';
import { staleVersion } from '../domain/intent.errors';
import { IntentEventType, RefreshIntent } from '../domain/refresh-intent';
import { INTENT_HISTORY_REPOSITORY, IntentHistoryRepository } from './intent-history.repository.port';
import { INTENT_REPOSITORY, IntentRepository } from './intent.repository.port';
import { toIntentView } from './intent-view.mapper';

const EVENTS: Record<IntentEventType, EventDefinition<string, IntentView>> = {
  'intent.drafted': intentDraftedEvent,
  'intent.requested': intentRequestedEvent,
  'intent.amended': intentAmendedEvent,
  'intent.approved': intentApprovedEvent,
  'intent.rejected': intentRejectedEvent,
  'intent.scheduled': intentScheduledEvent,
  'intent.started': intentStartedEvent,
  'intent.completed': intentCompletedEvent,
  'intent.failed': intentFailedEvent,
  'intent.rolled_back': intentRolledBackEvent,
  'intent.cancelled': intentCancelledEvent,
};

/**
 * Saves what a command did to an intent, in the caller's transaction: the row (guarded by the
 * version it was loaded at), one chained history entry and one `intent.*` event per change. The
 * guarded UPDATE comes first, so its row lock orders concurrent appends to the same trail.
 */
@Injectable()
export class IntentChangeRecorder {
  constructor(
    private readonly events: EventFactory,
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
    @Inject(INTENT_HISTORY_REPOSITORY) private readonly history: IntentHistoryRepository,
  ) {}

  async save(transaction: TransactionContext, intent: RefreshIntent): Promise<IntentView> {
    const { manager } = transaction;
    const isNew = intent.expectedStoredVersion === 0;
    if (isNew) await this.intents.insert(manager, intent);
    else if (!(await this.intents.update(manager, intent))) throw staleVersion(intent.expectedStoredVersion);
    let previous = isNew ? null : await this.history.last(manager, intent.id);
    const correlationId = CorrelationContext.correlationId();
    for (const change of intent.pullChanges()) {
      previous = chainEntry(previous, {
        intentId: intent.id,
        action: change.action,
        actor: change.actor,
        fromStatus: change.fromStatus,
        toStatus: change.toStatus,
        notes: change.notes,
        at: change.at,
        correlationId,
      });
      await this.history.append(manager, previous, change.actor);
      await transaction.publish(this.events.create(EVENTS[change.eventType], toIntentView(change.state)));
    }
    return toIntentView(intent.snapshot());
  }
}
