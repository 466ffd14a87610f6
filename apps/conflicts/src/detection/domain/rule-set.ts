import { CONFLICT_SEVERITIES, CONFLICT_TYPES, ConflictSeverity, ConflictType } from '@envrefresh/contracts';

/** How one rule runs: switched off, or on with its own severity or one that replaces it. */
export type RuleSetting = { enabled: false } | { enabled: true; severity?: ConflictSeverity };

/** Which rules run and with which severity; every rule has a setting. */
export type RuleSet = Readonly<Record<ConflictType, RuleSetting>>;

/** Every rule on, with the severity SPEC.md gives it. */
export const DEFAULT_RULE_SET: RuleSet = Object.freeze(
  Object.fromEntries(CONFLICT_TYPES.map((type) => [type, { enabled: true }])) as Record<
    ConflictType,
    RuleSetting
  >,
);

const VALUES = ['on', 'off', ...CONFLICT_SEVERITIES];

/**
 * Reads a rule configuration such as `DEPENDENCY=off,OUTSIDE_MAINTENANCE=BLOCKING` (the
 * CONFLICT_RULES variable): `RULE=off` switches a rule off, `RULE=BLOCKING` or `RULE=WARNING`
 * replaces the severity it computes, `RULE=on` keeps it as it is. Names and values are
 * case-insensitive; rules not named run as SPEC.md says. Anything else throws an error that says
 * what is allowed.
 */
export function parseRuleSet(text: string): RuleSet {
  const settings: Record<ConflictType, RuleSetting> = { ...DEFAULT_RULE_SET };
  const named = new Set<string>();
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [rawName, rawValue, ...rest] = entry.split('=').map((part) => part.trim());
    const name = rawName.toUpperCase();
    if (!(CONFLICT_TYPES as readonly string[]).includes(name)) {
      throw new Error(`"${rawName}" is not a conflict rule; the rules are ${CONFLICT_TYPES.join(', ')}`);
    }
    const value = rawValue === undefined || rest.length > 0 ? undefined : rawValue.toLowerCase();
    if (value === undefined || !VALUES.map((allowed) => allowed.toLowerCase()).includes(value)) {
      throw new Error(`"${entry}" must be ${name}=<${VALUES.join('|')}>`);
    }
    if (named.has(name)) throw new Error(`${name} is set twice`);
    named.add(name);
    settings[name as ConflictType] =
      value === 'off'
        ? { enabled: false }
        : value === 'on'
          ? { enabled: true }
          : { enabled: true, severity: value.toUpperCase() as ConflictSeverity };
  }
  return Object.freeze(settings);
}

/** The same rule set with one rule switched off. */
export function withoutRule(ruleSet: RuleSet, type: ConflictType): RuleSet {
  return Object.freeze({ ...ruleSet, [type]: { enabled: false } });
}

export function isEnabled(ruleSet: RuleSet, type: ConflictType): boolean {
  return ruleSet[type].enabled;
}
