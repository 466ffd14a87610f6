import type {
  BookingPriority,
  ConflictSeverity,
  ConflictType,
  EnvironmentTier,
  IntentStatus,
  RelatedRef,
  WindowKind,
} from '@envrefresh/contracts';
import type { IntentAudience } from '@envrefresh/kernel';
import { Interval } from '@envrefresh/recurrence';

/** Where a refresh reads its data from. */
export interface SourceRef {
  environmentId?: string;
  snapshot?: string;
}

/** The refresh being judged: a stored intent, or a dry-run window (`intentId` absent). */
export interface Candidate {
  intentId?: string;
  environmentId: string;
  window: Interval;
  source?: SourceRef;
}

export interface EnvironmentFacts {
  id: string;
  key: string;
  tier: EnvironmentTier;
  timezone: string;
}

/**
 * An environment reachable from the target over the dependency graph, once, at its shortest
 * distance: `UPSTREAM` when the target depends on it (transitively), `DOWNSTREAM` when it depends
 * on the target. A diamond-shaped graph yields each environment once.
 */
export interface RelatedEnvironment extends EnvironmentFacts {
  direction: 'UPSTREAM' | 'DOWNSTREAM';
  distance: number;
  /** Keys from the target to this environment, both ends included, e.g. ['app', 'api', 'db']. */
  path: string[];
}

/** Another refresh intent that may clash with the candidate. */
export interface OtherIntent {
  id: string;
  environmentId: string;
  status: IntentStatus;
  refreshType: string;
  window: Interval;
  source?: SourceRef;
  requestedBy: string;
  /** Who may see it: a caller outside its audience reads of it only "another refresh" and its window. */
  audience: IntentAudience;
}

export interface BookingFact {
  id: string;
  environmentId: string;
  window: Interval;
  group: string;
  purpose: string;
  priority: BookingPriority;
}

/** One occurrence of a blackout or maintenance window (a one-off window has exactly one). */
export interface WindowOccurrence {
  windowId: string;
  kind: WindowKind;
  name: string;
  window: Interval;
  /**
   * Which environments of the situation (the target and the related ones) it covers. A window from
   * an environment's own `maintenanceWindows` covers that environment only.
   */
  coveredEnvironmentIds: string[];
  /** Where the window is defined: a `/windows` resource, or an environment's own maintenance list. */
  origin: 'WINDOW' | 'ENVIRONMENT';
}

/**
 * Everything the rules need to judge a candidate within `span` (which contains the candidate's
 * window; the slot finder asks for a wider one). The loader has already filtered by time and
 * place, but rules must not rely on it beyond that: they check overlaps themselves.
 */
export interface Situation {
  span: Interval;
  target: EnvironmentFacts;
  related: RelatedEnvironment[];
  /** Active intents (REQUESTED … IN_PROGRESS) on the target or related environments, or reading the same source. Never the candidate itself. */
  intents: OtherIntent[];
  /** Bookings (not cancelled) on the target or related environments. */
  bookings: BookingFact[];
  /** Blackout occurrences covering the target or a related environment. */
  blackouts: WindowOccurrence[];
  /** Maintenance occurrences covering the target. */
  maintenance: WindowOccurrence[];
  /** Whether the target has any maintenance window at all (if not, OUTSIDE_MAINTENANCE never applies). */
  targetHasMaintenanceWindows: boolean;
  /**
   * Keys of further environments the explanations name: other intents' environments and sources
   * that are neither the target nor related to it (SOURCE_CONTENTION), by id.
   */
  environmentKeys?: Readonly<Record<string, string>>;
}

/** What a rule found: a conflict before it is stored (no id, no status). */
export interface Finding {
  type: ConflictType;
  severity: ConflictSeverity;
  /** Stable rule id; today the same as the type. */
  rule: string;
  explanation: string;
  relatedRef: RelatedRef;
  /** The overlapping part, or for OUTSIDE_MAINTENANCE the part outside every maintenance window. */
  window: Interval;
  /**
   * For a finding about another intent: who may see that intent, and the same explanation naming
   * it only as "another refresh" with its window, for everyone else.
   */
  concerning?: { audience: IntentAudience; discreetExplanation: string };
}
