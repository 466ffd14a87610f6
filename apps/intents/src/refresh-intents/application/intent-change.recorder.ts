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
import { EventFactory, OutgoingEnvelope, StatementContext, TransactionContext } from '@envrefresh/messaging';
import { ActorRef } from '@envrefresh/kernel';
import { CorrelationContext } from '@envrefresh/observability';
import { HistoryEntry, chainEntry } from '../domain/history-chain';
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
    const previous = isNew ? null : await this.history.last(manager, intent.id);
    for (const { entry, person, event } of this.chain(intent, previous)) {
      await this.history.append(manager, entry, person);
      await transaction.publish(event);
    }
    return toIntentView(intent.snapshot());
  }

  /**
   * The same for an intent just filed, whose rows are all new: the intent, the people, its first
   * history entries and their events as writes of one statement (UnitOfWork.runAsOneStatement).
   * Its chain starts here, so nothing needs reading first.
   */
  fileNew(statement: StatementContext, intent: RefreshIntent): IntentView {
    if (intent.expectedStoredVersion !== 0)
      throw new Error(`intent ${intent.id} is stored already: save it in a transaction`);
    statement.write(this.intents.insertWrite(intent));
    const links = this.chain(intent, null);
    for (const write of this.history.appendWrites(links)) statement.write(write);
    for (const { event } of links) statement.publish(event);
    return toIntentView(intent.snapshot());
  }

  /** One chained entry and one event per change, linked after `previous`. */
  private chain(
    intent: RefreshIntent,
    previous: HistoryEntry | null,
  ): { entry: HistoryEntry; person: ActorRef; event: OutgoingEnvelope }[] {
    const correlationId = CorrelationContext.correlationId();
    return intent.pullChanges().map((change) => {
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
      return {
        entry: previous,
        person: change.actor,
        event: this.events.create(EVENTS[change.eventType], toIntentView(change.state)),
      };
    });
  }
}
