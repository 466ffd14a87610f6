import { DynamicModule, Module } from '@nestjs/common';
import { INTENTS_CONFIG, IntentsConfig } from '../intents.config';
import { IntentSourceQuery } from './application/intent-source.query';
import { IntentSourceRpcController } from './interface/intent-source.rpc-controller';
import { EnvironmentDirectory } from '../environments/application/environment-directory';
import { EnvironmentsModule } from '../environments/environments.module';
import { SharedModule } from '../shared/shared.module';
import { CONFLICT_GATE } from './application/conflict-gate.port';
import { AmendIntentUseCase } from './application/amend-intent.use-case';
import { ExpireIntentsUseCase } from './application/expire-intents.use-case';
import { FileIntentUseCase } from './application/file-intent.use-case';
import { INTENT_ENVIRONMENTS } from './application/intent-environments.port';
import { INTENT_HISTORY_REPOSITORY } from './application/intent-history.repository.port';
import { INTENT_REPOSITORY } from './application/intent.repository.port';
import { PEOPLE_DIRECTORY } from './application/people-directory.port';
import { IntentChangeRecorder } from './application/intent-change.recorder';
import { IntentQueries } from './application/intent-queries.service';
import { RecordConflictDecisionUseCase } from './application/record-conflict-decision.use-case';
import { RefreshHistoryQuery } from './application/refresh-history.query';
import { ScheduleIntentUseCase } from './application/schedule-intent.use-case';
import { TransitionIntentUseCase } from './application/transition-intent.use-case';
import { VisibleIntentLoader } from './application/visible-intent.loader';
import { IntentExpiryWorker } from './infrastructure/intent-expiry.worker';
import { IntentGauges } from './infrastructure/intent.gauges';
import { RpcConflictGate } from './infrastructure/rpc-conflict-gate';
import { SqlIntentHistoryRepository } from './infrastructure/sql-intent-history.repository';
import { SqlIntentRepository } from './infrastructure/sql-intent.repository';
import { SqlPeopleDirectory } from './infrastructure/sql-people-directory';
import { ConflictEventsListener } from './interface/conflict-events.listener';
import { IntentsRpcController } from './interface/intents.rpc-controller';
import { ScheduleEventsListener } from './interface/schedule-events.listener';

/** Refresh intents: the aggregate, its lifecycle, its tamper-evident history. */
@Module({})
export class RefreshIntentsModule {
  static register(config: IntentsConfig): DynamicModule {
    return {
      module: RefreshIntentsModule,
      ...REFRESH_INTENTS,
      providers: [...REFRESH_INTENTS.providers, { provide: INTENTS_CONFIG, useValue: config }],
    };
  }
}

const REFRESH_INTENTS = {
  imports: [SharedModule, EnvironmentsModule],
  controllers: [IntentsRpcController, IntentSourceRpcController],
  providers: [
    FileIntentUseCase,
    IntentSourceQuery,
    AmendIntentUseCase,
    TransitionIntentUseCase,
    ScheduleIntentUseCase,
    ExpireIntentsUseCase,
    IntentExpiryWorker,
    IntentGauges,
    RecordConflictDecisionUseCase,
    IntentQueries,
    RefreshHistoryQuery,
    IntentChangeRecorder,
    VisibleIntentLoader,
    ScheduleEventsListener,
    ConflictEventsListener,
    { provide: INTENT_REPOSITORY, useClass: SqlIntentRepository },
    { provide: INTENT_HISTORY_REPOSITORY, useClass: SqlIntentHistoryRepository },
    { provide: PEOPLE_DIRECTORY, useClass: SqlPeopleDirectory },
    { provide: INTENT_ENVIRONMENTS, useExisting: EnvironmentDirectory },
    { provide: CONFLICT_GATE, useClass: RpcConflictGate },
  ],
};
