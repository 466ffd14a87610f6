/**
 * What conflict detection needs to know of an intent: which environment it occupies and when.
 * Windows are half-open [start, end), so back-to-back windows do not overlap.
 */
export interface IntentWindow {
  intentId: string;
  environmentId: string;
  status: string;
  start: Date;
  end: Date;
  version: number;
}

export function overlaps(
  a: Pick<IntentWindow, 'start' | 'end'>,
  b: Pick<IntentWindow, 'start' | 'end'>,
): boolean {
  return a.start < b.end && b.start < a.end;
}
