import { TimeWindow } from '../json-schema';
import { ConflictView } from './conflict-view';
import { IntentSource } from './intent-view';

/** A conflict a rule finds before anything is stored: a dry-run answer or a freeze reason. */
export type ConflictFindingView = Pick<
  ConflictView,
  'type' | 'severity' | 'rule' | 'explanation' | 'relatedRef' | 'window'
>;

/** `POST /conflicts/check`: what an intent with this window would meet, nothing created. */
export interface ConflictCheckView {
  environmentId: string;
  window: TimeWindow;
  /** true when at least one finding is BLOCKING: such an intent could not be approved. */
  blocking: boolean;
  conflicts: ConflictFindingView[];
}

/** One proposal of the slot finder: `[start, end)` has no conflict; the gap lasts until `availableUntil`. */
export interface FreeSlotView {
  start: string;
  end: string;
  availableUntil: string;
}

/** `GET /environments/{id}/free-slots`. */
export interface FreeSlotsView {
  environmentId: string;
  duration: string;
  from: string;
  to: string;
  slots: FreeSlotView[];
}

/** `GET /freeze`: may this environment be changed at `at`? */
export interface FreezeView {
  environmentId: string;
  at: string;
  /** true while a BLOCKING reason holds (a blackout, a HIGH or CRITICAL booking, an approved refresh). */
  frozen: boolean;
  reasons: ConflictFindingView[];
  /**
   * The earliest instant after `at` at which something the verdict looked at starts or ends (at
   * most an hour after `at`): the verdict holds until then unless the data changes (ADR 0031).
   */
  stableUntil: string;
}

/** What a dry-run check asks about. */
export interface ConflictCheckPayload {
  environmentId: string;
  plannedStart: string;
  plannedEnd: string;
  /** The intent being amended, so it does not conflict with itself. */
  excludeIntentId?: string;
  source?: IntentSource;
}
