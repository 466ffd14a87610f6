import { CheckpointFacts } from './facts';
import { Violation, violation } from './violation';

/**
 * A create answered 2xx left exactly one row; one never answered 2xx left at most one (a retry
 * with the same Idempotency-Key must not make a second). A transition answered 2xx is in the
 * intent's history exactly once, and no transition is there twice.
 */
export function checkEffects(
  facts: Pick<CheckpointFacts, 'creates' | 'rowsByMarker' | 'transitions' | 'historyCounts'>,
): Violation[] {
  const found: Violation[] = [];
  for (const create of facts.creates) {
    const rows = facts.rowsByMarker.get(create.kind)?.get(create.marker) ?? 0;
    const key = `${create.kind} ${create.marker}`;
    if (rows > 1)
      found.push(
        violation('oneEffect', 'duplicated', key, `${create.kind} "${create.marker}" has ${rows} rows`),
      );
    else if (create.answered2xx && rows === 0)
      found.push(
        violation('oneEffect', 'lost', key, `${create.kind} "${create.marker}" answered 2xx but has no row`),
      );
  }
  const seen = new Set<string>();
  for (const transition of facts.transitions) {
    const key = `${transition.intentId} ${transition.action}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const count = facts.historyCounts.get(key) ?? 0;
    const answered = facts.transitions.some(
      (other) =>
        other.intentId === transition.intentId && other.action === transition.action && other.answered2xx,
    );
    if (count > 1)
      found.push(
        violation(
          'oneEffect',
          'duplicated',
          key,
          `intent ${transition.intentId}: ${count}× ${transition.action} in its history`,
        ),
      );
    else if (answered && count === 0)
      found.push(
        violation(
          'oneEffect',
          'lost',
          key,
          `intent ${transition.intentId}: ${transition.action} answered 2xx but not in its history`,
        ),
      );
  }
  return found;
}
