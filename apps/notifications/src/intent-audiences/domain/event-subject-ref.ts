/** What an event is about, read from its data: the environment, and the intent or booking. */
export interface EventSubjectRef {
  environmentId: string | null;
  intentId: string | null;
  booking: { id: string; group: string } | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

/**
 * Every event of the catalog names its environment: `intent.*` carry the intent (its `id`),
 * `conflict.*` and `schedule.*` an `intentId`, `booking.*` the booking with its group,
 * `environment.upserted` the environment itself.
 */
export function subjectRefOf(type: string, data: unknown): EventSubjectRef {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const family = type.slice(0, type.indexOf('.'));
  if (family === 'environment') return { environmentId: text(record.id), intentId: null, booking: null };
  if (family === 'intent')
    return { environmentId: text(record.environmentId), intentId: text(record.id), booking: null };
  if (family === 'booking') {
    const id = text(record.id);
    const group = text(record.group);
    return {
      environmentId: text(record.environmentId),
      intentId: null,
      booking: id && group ? { id, group } : null,
    };
  }
  return { environmentId: text(record.environmentId), intentId: text(record.intentId), booking: null };
}
