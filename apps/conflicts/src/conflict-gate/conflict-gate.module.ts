import { Module } from '@nestjs/common';
import { BLOCKING_CONFLICTS } from './application/blocking-conflicts.port';
import { SqlBlockingConflicts } from './infrastructure/sql-blocking-conflicts';
import { ConflictGateRpcController } from './interface/conflict-gate.rpc-controller';

/** The conflicts service's side of the approval gate: which OPEN BLOCKING conflicts an intent has now. */
@Module({
  controllers: [ConflictGateRpcController],
  providers: [{ provide: BLOCKING_CONFLICTS, useClass: SqlBlockingConflicts }],
})
export class ConflictGateModule {}
