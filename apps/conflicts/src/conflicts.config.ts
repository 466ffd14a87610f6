import { EnvReader } from '@envrefresh/config';
import { ServiceRuntimeConfig, readServiceRuntimeConfig } from '@envrefresh/platform';
import { RuleSet, parseRuleSet } from './detection/domain/rule-set';

export interface ConflictsConfig extends ServiceRuntimeConfig {
  /** CONFLICT_RULES, e.g. "DEPENDENCY=off,OUTSIDE_MAINTENANCE=BLOCKING": rules switched off or given another severity. */
  ruleSet: RuleSet;
}

export function readConflictsConfig(env: EnvReader): ConflictsConfig {
  const runtime = readServiceRuntimeConfig('conflicts', env);
  const text = env.optionalString('CONFLICT_RULES') ?? '';
  let ruleSet = parseRuleSet('');
  try {
    ruleSet = parseRuleSet(text);
  } catch (error) {
    env.fail(`CONFLICT_RULES: ${(error as Error).message}`);
  }
  return { ...runtime, ruleSet };
}
