import { DynamicModule, Global, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ProjectionSource, catchUp } from '@envrefresh/messaging';
import { DatabaseModule } from '@envrefresh/persistence';
import { ClockModule } from '@envrefresh/platform';
import { ConflictCheckQuery } from '../../../apps/conflicts/src/detection/application/conflict-check.query';
import { FreeSlotsQuery } from '../../../apps/conflicts/src/detection/application/free-slots.query';
import { RULE_SET } from '../../../apps/conflicts/src/detection/application/rule-set.token';
import {
  SITUATION_LOADER,
  SituationLoader,
} from '../../../apps/conflicts/src/detection/application/situation-loader.port';
import { DetectionModule } from '../../../apps/conflicts/src/detection/detection.module';
import { RuleSet, parseRuleSet } from '../../../apps/conflicts/src/detection/domain/rule-set';
import {
  WORLD_CATCH_UP,
  WorldCatchUp,
} from '../../../apps/conflicts/src/world/application/world-catch-up.port';
import {
  WORLD_REPOSITORY,
  WorldRepository,
} from '../../../apps/conflicts/src/world/application/world.repository.port';
import { WorldModule } from '../../../apps/conflicts/src/world/world.module';

/** The conflicts service's detection as it runs in the app: its providers, its pool, its rule set. */
export interface DetectionService {
  checks: ConflictCheckQuery;
  freeSlots: FreeSlotsQuery;
  loader: SituationLoader;
  ruleSet: RuleSet;
  dataSource: DataSource;
  close(): Promise<void>;
}

@Module({})
class DetectionBenchModule {
  static register(databaseUrl: string, poolSize: number, ruleSet: RuleSet): DynamicModule {
    return {
      module: DetectionBenchModule,
      imports: [
        // What ServiceModule gives the app: the `conflicts` schema's pool of DATABASE_POOL_SIZE.
        DatabaseModule.forRoot({
          url: databaseUrl,
          schema: 'conflicts',
          applicationName: 'envrefresh-conflicts',
          poolSize,
        }),
        // The app's clock: the machine's time, as in production.
        ClockModule.forRoot({ testOffsetMs: 0, production: true }),
        WorldModule,
        DetectionModule.withRules(ruleSet),
        CatchUpBenchModule,
      ],
    };
  }
}

/**
 * Read your writes as a check pays for it when the environment is known (ADR 0014): the real
 * `catchUp` over the real version lookup. The seeded world knows every environment, so the owner
 * is never asked; if it were, the bench fails loudly rather than measure something else.
 */
@Global()
@Module({
  imports: [WorldModule],
  providers: [
    {
      provide: WORLD_CATCH_UP,
      inject: [DataSource, WORLD_REPOSITORY],
      useFactory: (dataSource: DataSource, world: WorldRepository): WorldCatchUp => {
        const source = (what: string, stored: ProjectionSource<never>['storedVersions']) => ({
          what,
          storedVersions: stored,
          fetchFromOwner: (refs: readonly string[]) =>
            Promise.reject(new Error(`the bench world does not know ${what} ${refs.join(', ')}`)),
          apply: () => Promise.resolve(),
        });
        const environments = source('environment', (refs) =>
          world.environmentVersions(dataSource.manager, refs),
        );
        const intents = source('intent', (ids) => world.intentVersions(dataSource.manager, ids));
        return {
          environments: (wanted) => catchUp(environments, wanted),
          intents: (wanted) => catchUp(intents, wanted),
        };
      },
    },
  ],
  exports: [WORLD_CATCH_UP],
})
class CatchUpBenchModule {}

/**
 * Boots the conflicts app's DetectionModule and WorldModule in-process with Nest, on a real
 * TypeORM DataSource: the same classes, SQL and rules that answer `conflicts.check` over RPC,
 * without the broker hop (which the API bench measures). The rule set is read from
 * CONFLICT_RULES as the service reads it.
 */
export async function startDetectionService(
  databaseUrl: string,
  poolSize: number,
  conflictRules = process.env.CONFLICT_RULES ?? '',
): Promise<DetectionService> {
  const ruleSet = parseRuleSet(conflictRules);
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    DetectionBenchModule.register(databaseUrl, poolSize, ruleSet),
    { logger: false, abortOnError: false },
  );
  return {
    checks: app.get(ConflictCheckQuery),
    freeSlots: app.get(FreeSlotsQuery),
    loader: app.get<SituationLoader>(SITUATION_LOADER),
    ruleSet: app.get<RuleSet>(RULE_SET),
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}
