/**
 * Deterministic JSON: object members sorted by key (UTF-16 code unit order, as Array#sort does),
 * members whose value is undefined left out, no whitespace, arrays in their order, strings and
 * numbers as JSON.stringify writes them. Two equal values always give the same text, whatever
 * order their members were built in; that is what hashes are taken over.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`canonicalJson cannot encode ${typeof value}`);
    return text;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  const members = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${members.join(',')}}`;
}
