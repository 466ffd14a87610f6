import { Interval } from '@envrefresh/recurrence';
import {
  BookingFact,
  Candidate,
  EnvironmentFacts,
  OtherIntent,
  RelatedEnvironment,
  Situation,
  WindowOccurrence,
} from '../situation';

// Builders for rule tests: a small world around the target uat-web, on 2026-03-01 (UTC).

/** `span('20:00', '23:00')` on 2026-03-01; a time past 24:00 runs into the next day. */
export function span(from: string, to: string, day = '2026-03-01'): Interval {
  return { start: timeOn(day, from), end: timeOn(day, to) };
}

function timeOn(day: string, hhmm: string): Date {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return new Date(Date.parse(`${day}T00:00:00Z`) + (hours * 60 + minutes) * 60_000);
}

export const TARGET: EnvironmentFacts = { id: 'env-web', key: 'uat-web', tier: 'UAT', timezone: 'UTC' };

// uat-web depends on uat-api, which depends on uat-db; uat-portal depends on uat-web, and
// uat-mobile on uat-portal.
export const API: RelatedEnvironment = related('env-api', 'uat-api', 'UPSTREAM', ['uat-web', 'uat-api']);
export const DB: RelatedEnvironment = related('env-db', 'uat-db', 'UPSTREAM', [
  'uat-web',
  'uat-api',
  'uat-db',
]);
export const PORTAL: RelatedEnvironment = related('env-portal', 'uat-portal', 'DOWNSTREAM', [
  'uat-web',
  'uat-portal',
]);
export const MOBILE: RelatedEnvironment = related('env-mobile', 'uat-mobile', 'DOWNSTREAM', [
  'uat-web',
  'uat-portal',
  'uat-mobile',
]);

function related(
  id: string,
  key: string,
  direction: 'UPSTREAM' | 'DOWNSTREAM',
  path: string[],
): RelatedEnvironment {
  return { id, key, tier: 'UAT', timezone: 'UTC', direction, distance: path.length - 1, path };
}

export function situation(parts: Partial<Situation> = {}): Situation {
  return {
    span: span('00:00', '48:00'),
    target: TARGET,
    related: [],
    intents: [],
    bookings: [],
    blackouts: [],
    maintenance: [],
    targetHasMaintenanceWindows: false,
    ...parts,
  };
}

export function candidate(window: Interval, extra: Partial<Candidate> = {}): Candidate {
  return { intentId: 'intent-self', environmentId: TARGET.id, window, ...extra };
}

export function intent(window: Interval, extra: Partial<OtherIntent> = {}): OtherIntent {
  return {
    id: 'intent-other',
    environmentId: TARGET.id,
    status: 'REQUESTED',
    refreshType: 'FULL_COPY',
    requestedBy: 'alice',
    audience: { requestedBySub: 'alice', notificationGroups: [], environmentOwnerGroup: 'qa' },
    window,
    ...extra,
  };
}

export function booking(window: Interval, extra: Partial<BookingFact> = {}): BookingFact {
  return {
    id: 'booking-1',
    environmentId: TARGET.id,
    group: 'payments-qa',
    purpose: 'release 4.2 testing',
    priority: 'HIGH',
    window,
    ...extra,
  };
}

export function occurrence(window: Interval, extra: Partial<WindowOccurrence> = {}): WindowOccurrence {
  return {
    windowId: 'window-1',
    kind: 'BLACKOUT',
    name: 'Quarter-end close',
    window,
    coveredEnvironmentIds: [TARGET.id],
    origin: 'WINDOW',
    ...extra,
  };
}
