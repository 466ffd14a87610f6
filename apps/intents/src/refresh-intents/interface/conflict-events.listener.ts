import { Injectable } from '@nestjs/common';
import { ConflictView, conflictAcknowledgedEvent, conflictOverriddenEvent } from '@envrefresh/contracts';
import { HandlerContext, OnEvent, ReceivedEnvelope } from '@envrefresh/messaging';
import { ConflictDecisionKind } from '../domain/conflict-decision';
import { RecordConflictDecisionUseCase } from '../application/record-conflict-decision.use-case';

const DECISION_OF: Record<string, ConflictDecisionKind> = {
  [conflictOverriddenEvent.type]: 'overridden',
  [conflictAcknowledgedEvent.type]: 'acknowledged',
};

/** Approvers' decisions on an intent's conflicts, taken in the conflicts service, for the intent's trail. */
@Injectable()
export class ConflictEventsListener {
  constructor(private readonly recordDecision: RecordConflictDecisionUseCase) {}

  @OnEvent(conflictOverriddenEvent.type, conflictAcknowledgedEvent.type)
  async onConflictDecided(event: ReceivedEnvelope<ConflictView>, context: HandlerContext): Promise<void> {
    await this.recordDecision.execute(context, DECISION_OF[event.type], event.data);
  }
}
