import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConflictCheckView, ConflictFindingView } from '@envrefresh/contracts';
import { IntentViewer, Problems, ValidationError, isUuid, ActingUser } from '@envrefresh/kernel';
import { asSeenBy } from '../domain/discretion';
import { evaluate } from '../domain/evaluate';
import { RuleSet } from '../domain/rule-set';
import { Candidate, Finding } from '../domain/situation';
import { optionalSource, requiredUuid, windowOf } from './detection-input';
import { RULE_SET } from './rule-set.token';
import { SITUATION_LOADER, SituationLoader } from './situation-loader.port';
import { WORLD_CATCH_UP, WorldCatchUp } from '../../world/application/world-catch-up.port';

/** `POST /conflicts/check`: what an intent with this window would meet; nothing is stored. */
@Injectable()
export class ConflictCheckQuery {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SITUATION_LOADER) private readonly situations: SituationLoader,
    @Inject(WORLD_CATCH_UP) private readonly catchUp: WorldCatchUp,
    @Inject(RULE_SET) private readonly ruleSet: RuleSet,
  ) {}

  async check(user: ActingUser, payload: Record<string, unknown> | undefined): Promise<ConflictCheckView> {
    const input = payload ?? {};
    const problems = new Problems();
    const environmentId = requiredUuid(input.environmentId, 'environmentId', problems);
    const window = windowOf(
      input.plannedStart,
      input.plannedEnd,
      { start: 'plannedStart', end: 'plannedEnd' },
      problems,
    );
    if (input.excludeIntentId !== undefined && !isUuid(input.excludeIntentId))
      problems.add('excludeIntentId', 'must be a UUID');
    const source = optionalSource(input.source, problems);
    problems.throwIfAny('REQUEST.INVALID');
    const candidate: Candidate = {
      environmentId,
      window: window as NonNullable<typeof window>,
      ...(typeof input.excludeIntentId === 'string' ? { intentId: input.excludeIntentId } : {}),
      ...(source ? { source } : {}),
    };
    // A catalog environment stays known: the common check is then one statement, not two.
    if (!(await this.situations.knows(this.dataSource.manager, environmentId)))
      await this.catchUp.environments([{ ref: environmentId }]);
    const situation = await this.situations.load(this.dataSource.manager, candidate, candidate.window);
    if (!situation) throw unknownEnvironment('environmentId');
    const conflicts = evaluate(candidate, situation, this.ruleSet).map((finding) =>
      toFindingView(finding, user),
    );
    return {
      environmentId,
      window: { start: candidate.window.start.toISOString(), end: candidate.window.end.toISOString() },
      blocking: conflicts.some((conflict) => conflict.severity === 'BLOCKING'),
      conflicts,
    };
  }
}

/** A finding as `viewer` may read it: another intent they may not see is only "another refresh". */
export function toFindingView(finding: Finding, viewer: IntentViewer): ConflictFindingView {
  const seen = asSeenBy(finding, viewer, finding.concerning, finding.window);
  return {
    type: finding.type,
    severity: finding.severity,
    rule: finding.rule,
    explanation: seen.explanation,
    relatedRef: seen.relatedRef,
    window: { start: finding.window.start.toISOString(), end: finding.window.end.toISOString() },
  };
}

export function unknownEnvironment(field: string): ValidationError {
  return new ValidationError('CONFLICTS.UNKNOWN_ENVIRONMENT', [
    {
      field,
      message: 'is not an environment of the catalog',
    },
  ]);
}
