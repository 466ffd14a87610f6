/** ISO-8601 durations such as P7D, PT1H, P1DT12H, PT30M; at least one component, none negative. */
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export function isIsoDuration(value: unknown): value is string {
  return typeof value === 'string' && ISO_DURATION.test(value);
}

const FIXED_UNITS_MS = { W: 604_800_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1_000 } as const;

/**
 * The length of a duration made only of weeks, days, hours, minutes and seconds (a day counted as
 * 24 h), for limits such as a token's lifetime; years and months have no fixed length, so
 * `undefined`.
 */
export function fixedDurationMs(value: unknown): number | undefined {
  if (!isIsoDuration(value)) return undefined;
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!match) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match;
  return (
    Number(weeks ?? 0) * FIXED_UNITS_MS.W +
    Number(days ?? 0) * FIXED_UNITS_MS.D +
    Number(hours ?? 0) * FIXED_UNITS_MS.H +
    Number(minutes ?? 0) * FIXED_UNITS_MS.M +
    Math.round(Number(seconds ?? 0) * FIXED_UNITS_MS.S)
  );
}
