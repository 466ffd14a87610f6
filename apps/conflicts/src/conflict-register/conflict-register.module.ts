import { DynamicModule, Global, Module } from '@nestjs/common';
import { WORLD_CATCH_UP } from '../world/application/world-catch-up.port';
import { WorldModule } from '../world/world.module';
import { AFFECTED_INTENTS } from './application/affected-intents.port';
import { CONFLICT_REGISTER } from './application/conflict-register.port';
import { RECOMPUTATION_LOCK, RECOMPUTATION_WAIT_MS } from './application/recomputation-lock.port';
import { ApprovalGateQuery } from './application/approval-gate.query';
import { ConflictQueries } from './application/conflict-queries.service';
import { DecideConflictUseCase } from './application/decide-conflict.use-case';
import { RecomputeConflictsService } from './application/recompute-conflicts.service';
import { WorldCatchUpService } from './application/world-catch-up.service';
import { WorldChangesService } from './application/world-changes.service';
import { AdvisoryRecomputationLock } from './infrastructure/advisory-recomputation-lock';
import { OpenConflictGauge } from './infrastructure/open-conflict.gauge';
import { SqlAffectedIntents } from './infrastructure/sql-affected-intents';
import { SqlConflictRegister } from './infrastructure/sql-conflict-register';
import { CatchUpRpcController } from './interface/catch-up.rpc-controller';
import { ConflictRegisterRpcController } from './interface/conflict-register.rpc-controller';
import { WorldEventsHandler } from './interface/world-events.handler';

/**
 * The conflicts this service keeps true: recomputed as the world changes, decided on by approvers,
 * asked for by the approval gate. The rules come from DetectionModule (global, configured once).
 * Global: bookings, windows and detection take a change in at once through it (ADR 0014).
 */
@Global()
@Module({
  imports: [WorldModule],
  controllers: [ConflictRegisterRpcController, CatchUpRpcController],
  providers: [
    RecomputeConflictsService,
    WorldChangesService,
    ConflictQueries,
    ApprovalGateQuery,
    DecideConflictUseCase,
    WorldEventsHandler,
    OpenConflictGauge,
    { provide: CONFLICT_REGISTER, useClass: SqlConflictRegister },
    { provide: AFFECTED_INTENTS, useClass: SqlAffectedIntents },
    { provide: RECOMPUTATION_LOCK, useClass: AdvisoryRecomputationLock },
    { provide: WORLD_CATCH_UP, useClass: WorldCatchUpService },
  ],
  exports: [WORLD_CATCH_UP, WorldChangesService],
})
export class ConflictRegisterModule {
  /** `recomputationWaitMs`: RECOMPUTATION_LOCK_WAIT, how long a request waits for the recomputation lock. */
  static register(recomputationWaitMs: number): DynamicModule {
    return {
      module: ConflictRegisterModule,
      providers: [{ provide: RECOMPUTATION_WAIT_MS, useValue: recomputationWaitMs }],
    };
  }
}
