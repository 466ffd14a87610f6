import { ConflictType } from '@envrefresh/contracts';
import { RuleSet } from './rule-set';
import { ALL_RULES } from './rules/all-rules';
import { Candidate, Finding, Situation } from './situation';

/**
 * Every finding of the enabled rules for `candidate`, a configured severity replacing the one the
 * rule computed; sorted by the start of their window, then by type and what they are with, so
 * the same situation always gives the same list.
 */
export function evaluate(candidate: Candidate, situation: Situation, ruleSet: RuleSet): Finding[] {
  const findings: Finding[] = [];
  for (const [type, rule] of Object.entries(ALL_RULES) as Array<
    [ConflictType, (typeof ALL_RULES)[ConflictType]]
  >) {
    const setting = ruleSet[type];
    if (!setting.enabled) continue;
    for (const finding of rule.check(candidate, situation)) {
      findings.push(setting.severity ? { ...finding, severity: setting.severity } : finding);
    }
  }
  return findings.sort(
    (a, b) =>
      a.window.start.getTime() - b.window.start.getTime() ||
      a.type.localeCompare(b.type) ||
      causeKey(a).localeCompare(causeKey(b)),
  );
}

/**
 * What a conflict is about, the same across recomputations: its type and what it is with. A
 * finding with the same cause key as a stored conflict is that conflict, however its window or
 * wording has changed.
 */
export function causeKey(finding: Pick<Finding, 'type' | 'relatedRef'>): string {
  return `${finding.type}:${finding.relatedRef.kind}:${finding.relatedRef.id}`;
}
