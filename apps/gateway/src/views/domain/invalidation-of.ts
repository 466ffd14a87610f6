import { Invalidation } from './view-cache';

/** What a write names: its path below /api/v1, its route's `id`, and the body it answered with. */
export interface AnsweredWrite {
  path: string;
  routeId?: string;
  body: unknown;
}

/**
 * Route prefixes whose writes change intent views: the intents themselves and their actions, the
 * conflict decisions (which move an intent), the schedules. An environment's write may change who
 * sees which intent (its owner group), so it drops them all.
 */
const INTENT_WRITES = ['/intents', '/conflicts', '/schedules'];
const VISIBILITY_WRITES = ['/environments'];
/**
 * Writes that change neither an intent nor a freeze verdict, so their answers pass no barrier: a
 * dry-run check, notification subscriptions and deliveries, a caller's own tokens and feeds, the
 * development sign-in. A route not named here is taken to change views.
 */
const WRITES_CHANGING_NO_VIEW = ['/conflicts/check', '/subscriptions', '/deliveries', '/me', '/web'];

/**
 * What a 2xx write makes stale (ADR 0031). Every freeze verdict: they depend on windows, bookings,
 * refreshes and environments alike, and writes are rare beside reads. The intents the answer
 * names (an IntentView, or a view with an `intentId`) or the route does; when an intent write
 * names none, every intent. Undefined for a write that changes no view.
 */
export function invalidationOfWrite({ path, routeId, body }: AnsweredWrite): Invalidation | undefined {
  if (startsWithAny(path, WRITES_CHANGING_NO_VIEW)) return undefined;
  const invalidation: Invalidation = { intents: [], freeze: 'all' };
  if (startsWithAny(path, VISIBILITY_WRITES)) return { ...invalidation, allIntents: true };
  if (!startsWithAny(path, INTENT_WRITES)) return invalidation;
  const intents = intentsNamedBy(body);
  if (routeId && path.startsWith('/intents/') && !intents.some((intent) => intent.id === routeId))
    intents.push({ id: routeId });
  return intents.length > 0 ? { ...invalidation, intents } : { ...invalidation, allIntents: true };
}

/** What an event of a view-changing family makes stale; undefined for one that changes no view. */
export function invalidationOfEvent(type: string, data: unknown): Invalidation | undefined {
  const family = type.split('.')[0];
  switch (family) {
    case 'intent':
      return { intents: intentsNamedBy(data), freeze: 'all' };
    case 'environment':
      return { intents: [], allIntents: true, freeze: 'all' };
    case 'schedule':
    case 'conflict':
      return { intents: intentsNamedBy(data), freeze: 'all' };
    case 'booking':
    case 'window':
      return { intents: [], freeze: 'all' };
    default:
      return undefined;
  }
}

function intentsNamedBy(body: unknown): { id: string; version?: number }[] {
  if (typeof body !== 'object' || body === null) return [];
  const view = body as { id?: unknown; version?: unknown; status?: unknown; intentId?: unknown };
  if (typeof view.intentId === 'string') return [{ id: view.intentId }];
  if (typeof view.id === 'string' && typeof view.version === 'number' && typeof view.status === 'string')
    return [{ id: view.id, version: view.version }];
  return [];
}

function startsWithAny(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
