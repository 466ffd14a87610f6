const HOUR = 3_600_000;
const FIRST = Date.parse('2031-01-06T00:00:00Z');
let handedOut = 0;

export interface Window {
  plannedStart: string;
  plannedEnd: string;
}

/**
 * A two-hour window no other call in this process gets, years ahead: intents filed by one suite
 * never overlap, so no conflict rule can stand between a test and the transition it checks.
 */
export function nextWindow(): Window {
  const start = FIRST + handedOut++ * 4 * HOUR;
  return {
    plannedStart: new Date(start).toISOString(),
    plannedEnd: new Date(start + 2 * HOUR).toISOString(),
  };
}
