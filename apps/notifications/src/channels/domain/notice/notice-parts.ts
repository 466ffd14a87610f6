import { NoticeEnvironment, NoticeFact, NoticeLink } from './notice';
import { NoticeInput } from './notice-input';
import { knownTimeZone, localInstant, localWindow, utcInstant, utcWindow } from './window-time';

/** "MASKED_COPY" → "Masked copy", "ROLLED_BACK" → "rolled back". */
export function humanized(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "UAT Payments (uat-payments, UAT)", or the id when the environment is not known here. */
export function environmentLabel(environment: NoticeEnvironment | null, environmentId: string): string {
  if (!environment) return `environment ${environmentId}`;
  return `${environment.name} (${environment.key}, ${environment.tier})`;
}

/** The environment's name, or its id, for titles. */
export function environmentName(environment: NoticeEnvironment | null, environmentId: string): string {
  return environment?.name ?? `environment ${environmentId}`;
}

/** The window twice: in the environment's zone (when it is known) and in UTC. */
export function windowFacts(input: NoticeInput, start: string, end: string, label = 'Window'): NoticeFact[] {
  const zone = knownTimeZone(input.environment?.timezone);
  const facts: NoticeFact[] = [];
  if (zone && zone !== 'UTC') facts.push({ label: `${label} (local)`, value: localWindow(start, end, zone) });
  facts.push({ label: `${label} (UTC)`, value: utcWindow(start, end) });
  return facts;
}

export function instantFacts(input: NoticeInput, at: string, label: string): NoticeFact[] {
  const zone = knownTimeZone(input.environment?.timezone);
  const facts: NoticeFact[] = [];
  if (zone && zone !== 'UTC') facts.push({ label: `${label} (local)`, value: localInstant(at, zone) });
  facts.push({ label: `${label} (UTC)`, value: utcInstant(at) });
  return facts;
}

export function intentUrl(publicUrl: string, intentId: string): string {
  return `${base(publicUrl)}/api/v1/intents/${encodeURIComponent(intentId)}`;
}

/** The refresh's links: its page in the API and the calendar around its window. */
export function refreshLinks(
  input: NoticeInput,
  refresh: { intentId: string; environmentId: string; start: string; end: string },
): NoticeLink[] {
  const calendar = new URL(`${base(input.publicUrl)}/api/v1/calendar`);
  calendar.searchParams.set('from', dayBefore(refresh.start));
  calendar.searchParams.set('to', dayAfter(refresh.end));
  calendar.searchParams.set('environmentId', refresh.environmentId);
  return [
    { label: 'Open the refresh', url: intentUrl(input.publicUrl, refresh.intentId) },
    { label: 'Open the calendar', url: calendar.toString() },
  ];
}

export function footnoteOf(input: NoticeInput): string {
  const { event } = input;
  return `envrefresh · ${event.type} v${event.version} · event ${event.id} · ${event.occurredAt}`;
}

const UNITS: [RegExp, string][] = [
  [/(\d+)W/, 'week'],
  [/(\d+)D/, 'day'],
  [/T.*?(\d+)H/, 'hour'],
  [/T.*?(\d+)M/, 'minute'],
  [/T.*?(\d+)S/, 'second'],
];

/** "P1DT2H" → "1 day 2 hours"; what it cannot read it returns as written. */
export function humanDuration(iso: string): string {
  const parts = UNITS.flatMap(([pattern, unit]) => {
    const count = pattern.exec(iso.replace(/^P/, ''))?.[1];
    return count === undefined ? [] : [`${Number(count)} ${unit}${Number(count) === 1 ? '' : 's'}`];
  });
  return parts.length > 0 ? parts.join(' ') : iso;
}

function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

const DAY_MS = 24 * 60 * 60 * 1000;

function dayBefore(iso: string): string {
  return new Date(Date.parse(iso) - DAY_MS).toISOString();
}

function dayAfter(iso: string): string {
  return new Date(Date.parse(iso) + DAY_MS).toISOString();
}
