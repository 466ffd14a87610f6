import { Injectable } from '@nestjs/common';
import { ConflictView, conflictAcknowledgedEvent, conflictOverriddenEvent } from '@envrefresh/contracts';
import { HandlerContext, OnEvent, ReceivedEnvelope } from '@envrefresh/messaging';
import { RecordConflictDecisionUseCase } from '../application/record-conflict-decision.use-case';

/** Approvers' decisions on an intent's conflicts, taken in the conflicts service, for the intent's trail. */
@Injectable()
export class ConflictEventsListener {
  constructor(private readonly recordDecision: RecordConflictDecisionUseCase) {}

  @OnEvent(conflictOverriddenEvent.type)
  async onConflictOverridden(event: ReceivedEnvelope<ConflictView>, context: HandlerContext): Promise<void> {
    await this.recordDecision.execute(context, 'overridden', event.data);
  }

  @OnEvent(conflictAcknowledgedEvent.type)
  async onConflictAcknowledged(
    event: ReceivedEnvelope<ConflictView>,
    context: HandlerContext,
  ): Promise<void> {
    await this.recordDecision.execute(context, 'acknowledged', event.data);
  }
}
