import { describeSpan } from '../describe-time';
import { BookingFact, OtherIntent, RelatedEnvironment, Situation } from '../situation';

// Phrases the explanations share, so every rule names things the same way.

/** The key of an environment the situation knows (the target or a related one). */
export function environmentKeyOf(situation: Situation, environmentId: string): string | undefined {
  if (situation.target.id === environmentId) return situation.target.key;
  return (
    situation.related.find((related) => related.id === environmentId)?.key ??
    situation.environmentKeys?.[environmentId]
  );
}

/** `uat-api`, or `environment <id>` for one the situation does not know. */
export function environmentName(situation: Situation, environmentId: string): string {
  return environmentKeyOf(situation, environmentId) ?? `environment ${environmentId}`;
}

/** `a REQUESTED FULL_COPY refresh by alice from 2026-03-01 20:00 to 23:00 UTC`, `an APPROVED …` */
export function describeIntent(intent: OtherIntent): string {
  const article = /^[AEIOU]/.test(intent.status) ? 'an' : 'a';
  return `${article} ${intent.status} ${intent.refreshType} refresh by ${intent.requestedBy} from ${describeSpan(intent.window)}`;
}

/**
 * `another refresh from 2026-03-01 20:00 to 23:00 UTC`: an intent as named to someone who may not
 * see it; no id, status, type or requester.
 */
export function describeAnotherRefresh(intent: OtherIntent): string {
  return `another refresh from ${describeSpan(intent.window)}`;
}

/** The part of a finding about another intent that depends on who reads it. */
export function concerning(intent: OtherIntent, discreetExplanation: string) {
  return { audience: intent.audience, discreetExplanation };
}

/** `booked by payments-qa for release 4.2 testing (HIGH) from 2026-03-01 20:00 to 23:00 UTC` */
export function describeBooking(booking: BookingFact): string {
  const purpose = booking.purpose.trim() === '' ? '' : ` for ${booking.purpose.trim()}`;
  return `booked by ${booking.group}${purpose} (${booking.priority}) from ${describeSpan(booking.window)}`;
}

/**
 * `uat-api, which uat-web depends on,` or `uat-web, which depends on uat-db (uat-web → uat-api →
 * uat-db),`: the related environment and how it hangs together with the target. Arrows point
 * from an environment to the one it depends on.
 */
export function describeRelation(situation: Situation, related: RelatedEnvironment): string {
  const target = situation.target.key;
  const dependsOn = related.direction === 'UPSTREAM' ? related.path : [...related.path].reverse();
  const chain = related.distance > 1 ? ` (${dependsOn.join(' → ')})` : '';
  return related.direction === 'UPSTREAM'
    ? `${related.key}, which ${target} depends on${chain},`
    : `${related.key}, which depends on ${target}${chain},`;
}
