import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FreezeView } from '@envrefresh/contracts';
import { Clock, Problems, parseInstant, ActingUser } from '@envrefresh/kernel';
import { evaluate } from '../domain/evaluate';
import { RuleSet, withoutRule } from '../domain/rule-set';
import { Candidate } from '../domain/situation';
import { FREEZE_STABLE_HORIZON_MS, stableUntil } from '../domain/stable-until';
import { toFindingView, unknownEnvironment } from './conflict-check.query';
import { requiredUuid } from './detection-input';
import { RULE_SET } from './rule-set.token';
import { SITUATION_LOADER, SituationLoader } from './situation-loader.port';
import { WORLD_CATCH_UP, WorldCatchUp } from '../../world/application/world-catch-up.port';

/**
 * `GET /freeze`: may this environment be changed at `at`? The question a pipeline or a refresh
 * executor asks before it touches the environment. The rules judge a change of one millisecond at
 * `at`; being outside a maintenance window is not a reason to freeze, so that rule stays out.
 * The situation is loaded up to FREEZE_STABLE_HORIZON_MS ahead, so the answer can say until when
 * it holds (`stableUntil`, ADR 0031); the rules check overlaps with the candidate themselves.
 */
@Injectable()
export class FreezeQuery {
  private readonly freezeRules: RuleSet;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SITUATION_LOADER) private readonly situations: SituationLoader,
    @Inject(WORLD_CATCH_UP) private readonly catchUp: WorldCatchUp,
    @Inject(RULE_SET) ruleSet: RuleSet,
    private readonly clock: Clock,
  ) {
    this.freezeRules = withoutRule(ruleSet, 'OUTSIDE_MAINTENANCE');
  }

  async at(
    user: ActingUser,
    payload: { environmentId?: unknown; at?: unknown } | undefined,
  ): Promise<FreezeView> {
    const problems = new Problems();
    const environmentId = requiredUuid(payload?.environmentId, 'environmentId', problems);
    const at = payload?.at === undefined ? this.clock.now() : parseInstant(payload.at, 'at', problems);
    problems.throwIfAny('REQUEST.INVALID');
    const instant = at as Date;
    const candidate: Candidate = {
      environmentId,
      window: { start: instant, end: new Date(instant.getTime() + 1) },
    };
    const horizon = { start: instant, end: new Date(instant.getTime() + FREEZE_STABLE_HORIZON_MS) };
    await this.catchUp.environments([{ ref: environmentId }]);
    const situation = await this.situations.load(this.dataSource.manager, candidate, horizon);
    if (!situation) throw unknownEnvironment('environmentId');
    const reasons = evaluate(candidate, situation, this.freezeRules).map((finding) =>
      toFindingView(finding, user),
    );
    return {
      environmentId,
      at: instant.toISOString(),
      frozen: reasons.some((reason) => reason.severity === 'BLOCKING'),
      reasons,
      stableUntil: stableUntil(situation, instant, horizon.end).toISOString(),
    };
  }
}
