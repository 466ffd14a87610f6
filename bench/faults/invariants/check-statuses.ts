import { AnsweredRequest } from './facts';
import { Violation, violation } from './violation';

/** The answers a client may see while a part of the suite is down: "try again" and "timed out". */
export const STATUSES_ALLOWED_DURING_A_FAULT: ReadonlySet<number> = new Set([503, 504]);

/** One fault's time line: injected at `faultAtMs`, the suite answering ready again at `readyAtMs`. */
export interface FaultWindow {
  phase: string;
  faultAtMs: number;
  readyAtMs: number;
}

/**
 * A request in flight at any moment of a fault window (from injection to ready again) may get 503
 * or 504 and no other 5xx; one wholly outside every window (before a fault, or sent after the
 * suite is ready again) gets no 5xx at all. Status 0 (no answer in time) counts as a 5xx the
 * client made up: outside a fault it is a failure.
 */
export function checkStatuses(
  requests: readonly AnsweredRequest[],
  windows: readonly FaultWindow[],
): Violation[] {
  const found: Violation[] = [];
  requests.forEach((request, index) => {
    const failed = request.status >= 500 || request.status === 0;
    if (!failed) return;
    const during = windows.find(
      (window) => request.endedAtMs >= window.faultAtMs && request.startedAtMs < window.readyAtMs,
    );
    const shown = request.status === 0 ? 'no answer' : String(request.status);
    if (during && !STATUSES_ALLOWED_DURING_A_FAULT.has(request.status))
      found.push(
        violation(
          'statuses',
          'wrong',
          `${index}`,
          `${request.route} answered ${shown} during ${during.phase}`,
        ),
      );
    if (!during) {
      const after = [...windows].reverse().find((window) => window.readyAtMs <= request.startedAtMs);
      const when = after
        ? `, ${((request.startedAtMs - after.readyAtMs) / 1000).toFixed(1)} s after ${after.phase} was ready again`
        : '';
      found.push(
        violation(
          'statuses',
          'wrong',
          `${index}`,
          `${request.route} answered ${shown} outside any fault${when}`,
        ),
      );
    }
  });
  return found;
}
