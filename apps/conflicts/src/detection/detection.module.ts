import { DynamicModule, Module } from '@nestjs/common';
import { WorldModule } from '../world/world.module';
import { ConflictCheckQuery } from './application/conflict-check.query';
import { FreeSlotsQuery } from './application/free-slots.query';
import { FreezeQuery } from './application/freeze.query';
import { RULE_SET } from './application/rule-set.token';
import { SITUATION_LOADER } from './application/situation-loader.port';
import { RuleSet } from './domain/rule-set';
import { SqlSituationLoader } from './infrastructure/sql-situation.loader';
import { DetectionRpcController } from './interface/detection.rpc-controller';

/** The rules, the picture they judge (a Situation from SQL), and the questions answered with them. */
@Module({})
export class DetectionModule {
  static withRules(ruleSet: RuleSet): DynamicModule {
    return {
      module: DetectionModule,
      global: true,
      imports: [WorldModule],
      controllers: [DetectionRpcController],
      providers: [
        ConflictCheckQuery,
        FreeSlotsQuery,
        FreezeQuery,
        { provide: RULE_SET, useValue: ruleSet },
        { provide: SITUATION_LOADER, useClass: SqlSituationLoader },
      ],
      exports: [RULE_SET, SITUATION_LOADER],
    };
  }
}
