/** The RuleSet in force (CONFLICT_RULES): which rules run and with which severity. */
export const RULE_SET = Symbol('RuleSet');
