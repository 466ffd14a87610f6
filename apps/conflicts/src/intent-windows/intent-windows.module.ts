import { Module } from '@nestjs/common';
import { INTENT_WINDOW_REPOSITORY } from './application/intent-window.repository.port';
import { TrackIntentWindowUseCase } from './application/track-intent-window.use-case';
import { SqlIntentWindowRepository } from './infrastructure/sql-intent-window.repository';
import { IntentEventsHandler } from './interface/intent-events.handler';

@Module({
  providers: [
    TrackIntentWindowUseCase,
    IntentEventsHandler,
    { provide: INTENT_WINDOW_REPOSITORY, useClass: SqlIntentWindowRepository },
  ],
})
export class IntentWindowsModule {}
