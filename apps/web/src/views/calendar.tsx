import { useCallback, useMemo, useState } from 'react';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import timeGridPlugin from '@fullcalendar/timegrid';
import type { EventInput, EventSourceFuncArg } from '@fullcalendar/core';
import { api, useResource } from '../api';
import { ENVIRONMENT_TIERS } from '../contracts';
import type { CalendarEntryView, CreatedCalendarFeedView, EnvironmentView } from '../contracts';
import { EnvironmentOptions, Field, ProblemNote, Time, navigate } from '../ui';
import { useEnvironments } from './shared';

type Mode = 'month' | 'week' | 'timeline';
const TIMELINE_DAYS = 14;

interface Filters {
  tier: string;
  environmentId: string;
  group: string;
}

/** The calendar answers one array of entries (GET /calendar); a page is read the same way. */
function entriesOf(
  answer: CalendarEntryView[] | { items: CalendarEntryView[] } | undefined,
): CalendarEntryView[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : answer.items;
}

function visible(entry: CalendarEntryView, filters: Filters, byId: Map<string, EnvironmentView>): boolean {
  if (!filters.group) return true;
  const environment = entry.environmentId ? byId.get(entry.environmentId) : undefined;
  // Windows over a tier or everything concern every group.
  return !environment || environment.ownerGroup === filters.group;
}

function hoverText(entry: CalendarEntryView, environment: EnvironmentView | undefined): string {
  const zone = environment?.timezone;
  const format = (iso: string, timeZone?: string) =>
    new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const there = zone ? ` · ${format(entry.start, zone)} – ${format(entry.end, zone)} ${zone}` : '';
  return `${entry.kind} ${entry.title} (${entry.status}): ${format(entry.start)} – ${format(entry.end)} your time${there}`;
}

/** Month, week and a timeline by environment; refreshes coloured by status; filters; a feed to subscribe to. */
export function CalendarView() {
  const environments = useEnvironments();
  const [mode, setMode] = useState<Mode>('month');
  const [filters, setFilters] = useState<Filters>({ tier: '', environmentId: '', group: '' });
  const [problem, setProblem] = useState<Error | null>(null);
  const groups = useMemo(
    () => [...new Set(environments.list.map((environment) => environment.ownerGroup))].sort(),
    [environments.list],
  );
  const query = (from: string, to: string) => ({
    from,
    to,
    tier: filters.tier || undefined,
    environmentId: filters.environmentId || undefined,
  });

  const events = useCallback(
    async (range: EventSourceFuncArg): Promise<EventInput[]> => {
      try {
        setProblem(null);
        const answer = await api.get<CalendarEntryView[] | { items: CalendarEntryView[] }>('/calendar', {
          query: query(range.start.toISOString(), range.end.toISOString()),
        });
        return entriesOf(answer)
          .filter((entry) => visible(entry, filters, environments.byId))
          .map((entry) => {
            const environment = entry.environmentId ? environments.byId.get(entry.environmentId) : undefined;
            return {
              id: entry.uid,
              title: `${environment ? `${environment.key}: ` : ''}${entry.title}`,
              start: entry.start,
              end: entry.end,
              classNames: [`kind-${entry.kind.toLowerCase()}`, `status-${entry.status.toLowerCase()}`],
              extendedProps: { entry, hover: hoverText(entry, environment) },
            };
          });
      } catch (error) {
        setProblem(error as Error);
        return [];
      }
    },
    // Filters and the environments decide what a fetch shows.
    [filters, environments.byId],
  );

  const setFilter = (name: keyof Filters, value: string) =>
    setFilters((previous) => ({ ...previous, [name]: value }));

  return (
    <section aria-labelledby="calendar-title">
      <h1 id="calendar-title">Calendar</h1>
      <div className="toolbar" role="group" aria-label="Calendar view">
        {(['month', 'week', 'timeline'] as const).map((candidate) => (
          <button
            key={candidate}
            type="button"
            className={mode === candidate ? undefined : 'secondary'}
            aria-pressed={mode === candidate}
            onClick={() => setMode(candidate)}
          >
            {candidate[0].toUpperCase() + candidate.slice(1)}
          </button>
        ))}
      </div>
      <div className="row filters">
        <Field label="Tier">
          {(props) => (
            <select
              {...props}
              value={filters.tier}
              onChange={(event) => setFilter('tier', event.target.value)}
            >
              <option value="">All tiers</option>
              {ENVIRONMENT_TIERS.map((tier) => (
                <option key={tier}>{tier}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Environment">
          {(props) => (
            <select
              {...props}
              value={filters.environmentId}
              onChange={(event) => setFilter('environmentId', event.target.value)}
            >
              <EnvironmentOptions environments={environments.list} anyLabel="All environments" />
            </select>
          )}
        </Field>
        <Field label="Group">
          {(props) => (
            <select
              {...props}
              value={filters.group}
              onChange={(event) => setFilter('group', event.target.value)}
            >
              <option value="">All groups</option>
              {groups.map((group) => (
                <option key={group}>{group}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ProblemNote problem={problem} />
      <Legend />
      {mode === 'timeline' ? (
        <Timeline filters={filters} environments={environments.list} byId={environments.byId} query={query} />
      ) : (
        <div className="calendar-frame">
          <FullCalendar
            key={mode}
            plugins={[dayGridPlugin, timeGridPlugin]}
            initialView={mode === 'month' ? 'dayGridMonth' : 'timeGridWeek'}
            headerToolbar={{ left: 'prev,next today', center: 'title', right: '' }}
            height="auto"
            events={events}
            buttonHints={{ prev: 'Previous $0', next: 'Next $0', today: 'This $0' }}
            // FullCalendar names a day cell by its number alone, though the cell also lists the
            // entries (axe: label-content-name-mismatch); the cell needs no name of its own.
            dayCellDidMount={(info) => info.el.removeAttribute('aria-labelledby')}
            // Its chevrons are role="img" without a name; the buttons carry the hints above.
            datesSet={() =>
              document.querySelectorAll('.fc-icon').forEach((icon) => {
                icon.removeAttribute('role');
                icon.setAttribute('aria-hidden', 'true');
              })
            }
            eventDidMount={(info) => {
              const hover = info.event.extendedProps.hover as string;
              info.el.setAttribute('title', hover);
              info.el.setAttribute('aria-label', hover);
            }}
            eventClick={(info) => {
              const entry = info.event.extendedProps.entry as CalendarEntryView;
              if (entry.kind === 'REFRESH') {
                info.jsEvent.preventDefault();
                navigate(`/refreshes/${entry.ref}`);
              }
            }}
          />
        </div>
      )}
      <SubscribeFeed environmentId={filters.environmentId} tier={filters.tier} />
    </section>
  );
}

function Legend() {
  const items = [
    ['status-requested', 'Requested'],
    ['status-scheduled', 'Approved / scheduled'],
    ['status-in_progress', 'In progress'],
    ['status-completed', 'Completed'],
    ['kind-booking', 'Booking'],
    ['kind-blackout', 'Blackout'],
    ['kind-maintenance', 'Maintenance'],
  ];
  return (
    <ul className="legend" aria-label="Colours">
      {items.map(([className, label]) => (
        <li key={className}>
          <span className={`swatch ${className}`} aria-hidden="true" /> {label}
        </li>
      ))}
    </ul>
  );
}

/** Environments down, days across: what happens where over the next two weeks. */
function Timeline({
  filters,
  environments,
  byId,
  query,
}: {
  filters: Filters;
  environments: EnvironmentView[];
  byId: Map<string, EnvironmentView>;
  query: (from: string, to: string) => Record<string, string | undefined>;
}) {
  const from = useMemo(() => {
    const day = new Date();
    day.setHours(0, 0, 0, 0);
    return day;
  }, []);
  const to = new Date(from.getTime() + TIMELINE_DAYS * 86_400_000);
  const calendar = useResource<CalendarEntryView[] | { items: CalendarEntryView[] }>(
    '/calendar',
    query(from.toISOString(), to.toISOString()),
  );
  const entries = entriesOf(calendar.data).filter((entry) => visible(entry, filters, byId));
  const rows = environments.filter(
    (environment) =>
      (!filters.tier || environment.tier === filters.tier) &&
      (!filters.environmentId || environment.id === filters.environmentId) &&
      (!filters.group || environment.ownerGroup === filters.group),
  );
  const days = Array.from(
    { length: TIMELINE_DAYS },
    (_, index) => new Date(from.getTime() + index * 86_400_000),
  );
  const on = (environmentId: string, day: Date) =>
    entries.filter((entry) => {
      const dayEnd = day.getTime() + 86_400_000;
      const applies = entry.environmentId === environmentId || entry.environmentId === null;
      return applies && Date.parse(entry.start) < dayEnd && Date.parse(entry.end) > day.getTime();
    });
  return (
    <div className="timeline-frame" tabIndex={0} role="region" aria-label="Timeline by environment">
      <table className="timeline">
        <caption>Next {TIMELINE_DAYS} days by environment</caption>
        <thead>
          <tr>
            <th scope="col">Environment</th>
            {days.map((day) => (
              <th scope="col" key={day.toISOString()}>
                {day.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((environment) => (
            <tr key={environment.id}>
              <th scope="row">
                {environment.name}
                <br />
                <small>{environment.tier}</small>
              </th>
              {days.map((day) => (
                <td key={day.toISOString()}>
                  {on(environment.id, day).map((entry) => (
                    <a
                      key={entry.uid}
                      href={entry.kind === 'REFRESH' ? `/refreshes/${entry.ref}` : undefined}
                      className={`chip kind-${entry.kind.toLowerCase()} status-${entry.status.toLowerCase()}`}
                      title={hoverText(entry, environment)}
                      onClick={(event) => {
                        if (entry.kind !== 'REFRESH') return;
                        event.preventDefault();
                        navigate(`/refreshes/${entry.ref}`);
                      }}
                    >
                      {entry.title}
                    </a>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Makes a personal feed; its URL is shown this once (the API keeps only a hash). */
function SubscribeFeed({ environmentId, tier }: { environmentId: string; tier: string }) {
  const [feed, setFeed] = useState<CreatedCalendarFeedView | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const [copied, setCopied] = useState(false);
  const create = async () => {
    setProblem(null);
    try {
      setFeed(
        await api.post<CreatedCalendarFeedView>('/me/calendar-feeds', {
          body: { ...(environmentId ? { environmentId } : {}), ...(tier ? { tier } : {}) },
        }),
      );
    } catch (error) {
      setProblem(error as Error);
    }
  };
  return (
    <section className="card" aria-labelledby="feed-title">
      <h2 id="feed-title">Subscribe in my calendar</h2>
      <ProblemNote problem={problem} />
      {!feed ? (
        <button type="button" className="secondary" onClick={() => void create()}>
          Make a feed for these filters
        </button>
      ) : (
        <div>
          <Field label="Feed URL (shown only now: copy it into Outlook, Google or Apple Calendar)">
            {(props) => (
              <input {...props} readOnly value={feed.url} onFocus={(event) => event.currentTarget.select()} />
            )}
          </Field>
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard?.writeText(feed.url).then(() => setCopied(true));
            }}
          >
            Copy
          </button>
          <span role="status">{copied ? ' Copied.' : ''}</span>
          <p className="muted">
            Made <Time at={feed.createdAt} />.
          </p>
        </div>
      )}
    </section>
  );
}
