import { Module } from '@nestjs/common';
import { INTENT_AUDIENCE_REPOSITORY } from './application/intent-audience.repository.port';
import { TrackIntentAudienceUseCase } from './application/track-intent-audience.use-case';
import { SqlIntentAudienceRepository } from './infrastructure/sql-intent-audience.repository';
import { IntentEventsHandler } from './interface/intent-events.handler';

@Module({
  providers: [
    TrackIntentAudienceUseCase,
    IntentEventsHandler,
    { provide: INTENT_AUDIENCE_REPOSITORY, useClass: SqlIntentAudienceRepository },
  ],
})
export class IntentAudiencesModule {}
