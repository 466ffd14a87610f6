import { Injectable } from '@nestjs/common';
import { ScheduleView, scheduleCreatedEvent } from '@envrefresh/contracts';
import { HandlerContext, OnEvent, ReceivedEnvelope } from '@envrefresh/messaging';
import { ScheduleIntentUseCase } from '../application/schedule-intent.use-case';

/** The scheduling service's word that an approved intent's jobs are registered. */
@Injectable()
export class ScheduleEventsListener {
  constructor(private readonly scheduleIntent: ScheduleIntentUseCase) {}

  @OnEvent(scheduleCreatedEvent.type)
  async onScheduleCreated(event: ReceivedEnvelope<ScheduleView>, context: HandlerContext): Promise<void> {
    await this.scheduleIntent.execute(context, event.data);
  }
}
