import { IntentStatus } from '@envrefresh/contracts';
import { RefreshWindow } from './job-planning';

/** What an intent's new state asks of its schedule. */
export type ScheduleReaction = 'create' | 'replace' | 'cancel' | 'finish' | 'none';

const ENDED: readonly IntentStatus[] = ['COMPLETED', 'FAILED', 'ROLLED_BACK'];
const WITHDRAWN: readonly IntentStatus[] = ['DRAFT', 'REQUESTED', 'REJECTED', 'CANCELLED'];

/**
 * SPEC "Calendar (scheduling)": a schedule is made when the intent is approved, made again when
 * it is re-approved after an amendment, CANCELLED when it goes back to REQUESTED or is cancelled,
 * and DONE when it ends. Events arrive at least once and only newer versions get here, so an
 * approval seen without the amendment before it (`active` for another window) replaces.
 */
export function reactionTo(
  intent: RefreshWindow & { status: IntentStatus },
  active: RefreshWindow | null,
): ScheduleReaction {
  if (intent.status === 'APPROVED') {
    if (!active) return 'create';
    return sameWindow(intent, active) ? 'none' : 'replace';
  }
  if (!active) return 'none';
  if (ENDED.includes(intent.status)) return 'finish';
  if (WITHDRAWN.includes(intent.status)) return 'cancel';
  return 'none';
}

function sameWindow(a: RefreshWindow, b: RefreshWindow): boolean {
  return (
    a.plannedStart.getTime() === b.plannedStart.getTime() && a.plannedEnd.getTime() === b.plannedEnd.getTime()
  );
}
