import {
  ConflictCheckView,
  ConflictStatus,
  ConflictType,
  ConflictView,
  EnvironmentView,
  IntentView,
} from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ApiResponse } from '../../api/support/api-client';
import { ApiSuite } from '../../api/support/api-suite';
import { expectStatus } from '../../api/support/lifecycle';
import { Persona } from '../../api/support/personas';
import { ConflictCalendar, Span } from './calendar';

/**
 * `[day hh:00Z, day hh:00Z)`; an end hour of 24 or more runs into the following days. Scenes use
 * days from 2032 on, clear of the 2031 windows `nextWindow()` hands out.
 */
export function hours(day: string, startHour: number, endHour: number): Span {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  const at = (hour: number) => new Date(midnight + hour * 3_600_000).toISOString();
  return { start: at(startHour), end: at(endHour) };
}

/** An instant of `day` in UTC, e.g. `instant('2032-03-01', 10, 30)`. */
export function instant(day: string, hour: number, minute = 0): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + (hour * 60 + minute) * 60_000).toISOString();
}

/** PATCH /intents/{id} with If-Match, as a client that read `intent` would. */
export async function amend(
  suite: ApiSuite,
  intent: IntentView,
  changes: Record<string, unknown>,
  as: Persona,
): Promise<IntentView> {
  const response = await suite.api.patch<IntentView>(`/intents/${intent.id}`, {
    as,
    headers: { 'if-match': `"${intent.version}"` },
    body: changes,
  });
  expectStatus(response, 200, 'PATCH /intents/{id}');
  return response.body;
}

export interface ConflictMatch {
  type?: ConflictType;
  relatedId?: string;
  status?: ConflictStatus;
  severity?: ConflictView['severity'];
  id?: string;
}

function matches(conflict: ConflictView, match: ConflictMatch): boolean {
  return (
    (match.type === undefined || conflict.type === match.type) &&
    (match.relatedId === undefined || conflict.relatedRef.id === match.relatedId) &&
    (match.status === undefined || conflict.status === match.status) &&
    (match.severity === undefined || conflict.severity === match.severity) &&
    (match.id === undefined || conflict.id === match.id)
  );
}

/** The conflicts that match. */
export function conflictsMatching(conflicts: ConflictView[], match: ConflictMatch): ConflictView[] {
  return conflicts.filter((conflict) => matches(conflict, match));
}

/** The single conflict that matches; throws (so `eventually` retries) while there is not exactly one. */
export function theConflict(conflicts: ConflictView[], match: ConflictMatch): ConflictView {
  const found = conflictsMatching(conflicts, match);
  if (found.length !== 1) {
    throw new Error(
      `expected one conflict matching ${JSON.stringify(match)}, found ${found.length} among ${JSON.stringify(
        conflicts.map(({ id, type, severity, status, relatedRef }) => ({
          id,
          type,
          severity,
          status,
          related: relatedRef.id,
        })),
      )}`,
    );
  }
  return found[0];
}

/** Conflicts that still stand (not RESOLVED). */
export function live(conflicts: ConflictView[]): ConflictView[] {
  return conflicts.filter((conflict) => conflict.status !== 'RESOLVED');
}

/** Waits until the intent has exactly one conflict that matches, and answers it. */
export async function eventuallyTheConflict(
  calendar: ConflictCalendar,
  intent: IntentView,
  match: ConflictMatch,
  timeoutMs?: number,
): Promise<ConflictView> {
  const conflicts = await calendar.eventuallyConflicts(
    intent,
    (found) => void theConflict(found, match),
    timeoutMs,
  );
  return theConflict(conflicts, match);
}

/**
 * An environment the conflicts service already knows. It learns of environments from events, so
 * for a moment after `POST /environments` it refuses bookings, windows and checks naming the new
 * one; scenes that are not about that wait until a dry run on it is answered.
 */
export async function knownEnvironment(
  calendar: ConflictCalendar,
  overrides: Record<string, unknown> = {},
): Promise<EnvironmentView> {
  const environment = await calendar.environment(overrides);
  await eventually(
    async () =>
      expectStatus(
        await calendar.checkResponse({
          environmentId: environment.id,
          plannedStart: '2032-01-01T00:00:00Z',
          plannedEnd: '2032-01-01T01:00:00Z',
        }),
        200,
        'POST /conflicts/check on a new environment',
      ),
    { timeoutMs: 10_000, intervalMs: 50 },
  );
  return environment;
}

/**
 * Waits until the conflicts service has taken in the intent as it is now (its status and window):
 * a dry run over exactly its window meets it so. For scenes that change one thing at a time.
 */
export async function seenByConflicts(calendar: ConflictCalendar, intent: IntentView): Promise<void> {
  const window = { start: intent.plannedStart, end: intent.plannedEnd };
  await eventually(
    async () => {
      // Asked as an admin: to anyone who may not see the intent, it is only "another refresh".
      const response = await calendar.checkResponse(
        { environmentId: intent.environmentId, plannedStart: window.start, plannedEnd: window.end },
        calendar.cast.admin,
      );
      expectStatus(response, 200, 'POST /conflicts/check');
      const met = (response.body as ConflictCheckView).conflicts.filter(
        (finding) => finding.type === 'INTENT_OVERLAP' && finding.relatedRef.id === intent.id,
      );
      const now = met.filter(
        (finding) =>
          new RegExp(`\\ban? ${intent.status} `).test(finding.explanation) &&
          Date.parse(finding.window.start) === Date.parse(window.start) &&
          Date.parse(finding.window.end) === Date.parse(window.end),
      );
      if (now.length !== 1)
        throw new Error(`the conflicts service has not taken in ${intent.id} as ${intent.status} yet`);
    },
    { timeoutMs: 10_000, intervalMs: 50 },
  );
}

/** Files and submits an intent, and waits until the conflicts service knows it. */
export async function requestedAndSeen(
  calendar: ConflictCalendar,
  environment: EnvironmentView,
  span: Span,
  overrides: Record<string, unknown> = {},
  as: Persona = calendar.cast.requester,
): Promise<IntentView> {
  const intent = await calendar.lifecycle.fileIntent(
    environment,
    { plannedStart: span.start, plannedEnd: span.end, submit: true, ...overrides },
    as,
  );
  await seenByConflicts(calendar, intent);
  return intent;
}

/** An RFC 9457 problem as the gateway sends it. */
export interface ProblemBody {
  status: number;
  title: string;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
  blockingConflictIds?: string[];
}

/** The body of a refusal, whatever the route answers when it succeeds. */
export function problemIn(response: ApiResponse<unknown>): ProblemBody {
  return response.body as ProblemBody;
}
