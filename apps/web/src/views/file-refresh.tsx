import { FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { ApiProblem, api, newIdempotencyKey, useResource } from '../api';
import { REFRESH_TYPES } from '../contracts';
import type { ConflictCheckView, EnvironmentView, FreeSlotsView, IntentView, Page } from '../contracts';
import {
  Field,
  ProblemNote,
  SeverityBadge,
  Window,
  WindowFields,
  fieldError,
  fromLocalInput,
  navigate,
  toLocalInput,
} from '../ui';

const FIELDS = [
  'environmentId',
  'refreshType',
  'plannedStart',
  'plannedEnd',
  'reason',
  'notificationGroups',
] as const;
const CHECK_DELAY_MS = 400;

function defaultWindow(): { start: string; end: string } {
  const start = new Date(Date.now() + 86_400_000);
  start.setHours(22, 0, 0, 0);
  return {
    start: toLocalInput(start.toISOString()),
    end: toLocalInput(new Date(start.getTime() + 4 * 3_600_000).toISOString()),
  };
}

/** ISO-8601 duration of a window, in whole minutes, for the free-slot search. */
function durationOf(startIso: string, endIso: string): string | null {
  const minutes = Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60_000);
  return minutes > 0 ? `PT${minutes}M` : null;
}

/**
 * File a refresh: what it would collide with shown as the window changes (POST /conflicts/check,
 * nothing created), the next free slots one click away, and one Idempotency-Key per filing so a
 * double click files one intent.
 */
export function FileRefreshView() {
  const environments = useResource<Page<EnvironmentView>>('/environments', { limit: 100 });
  const initial = useMemo(defaultWindow, []);
  const [environmentId, setEnvironmentId] = useState('');
  const [refreshType, setRefreshType] = useState<string>('MASKED_COPY');
  const [start, setStart] = useState(initial.start);
  const [end, setEnd] = useState(initial.end);
  const [reason, setReason] = useState('');
  const [groups, setGroups] = useState('');
  const [check, setCheck] = useState<ConflictCheckView | null>(null);
  const [checkProblem, setCheckProblem] = useState<Error | null>(null);
  const [slots, setSlots] = useState<FreeSlotsView | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());

  const items = environments.data?.items ?? [];
  const environment = items.find((candidate) => candidate.id === environmentId);
  useEffect(() => {
    if (!environmentId && items.length > 0) setEnvironmentId(items[0].id);
  }, [items, environmentId]);

  const plannedStart = fromLocalInput(start);
  const plannedEnd = fromLocalInput(end);

  useEffect(() => {
    setCheck(null);
    setCheckProblem(null);
    setSlots(null);
    if (!environmentId || !plannedStart || !plannedEnd) return;
    const timer = window.setTimeout(async () => {
      try {
        setCheck(
          await api.post<ConflictCheckView>('/conflicts/check', {
            body: { environmentId, plannedStart, plannedEnd },
          }),
        );
        const duration = durationOf(plannedStart, plannedEnd);
        if (duration)
          setSlots(
            await api.get<FreeSlotsView>(`/environments/${environmentId}/free-slots`, {
              query: { duration, from: plannedStart, limit: 3 },
            }),
          );
      } catch (error) {
        setCheckProblem(error as Error);
      }
    }, CHECK_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [environmentId, plannedStart, plannedEnd]);

  const applySlot = (slotStart: string) => {
    const length = Date.parse(plannedEnd) - Date.parse(plannedStart);
    setStart(toLocalInput(slotStart));
    setEnd(toLocalInput(new Date(Date.parse(slotStart) + length).toISOString()));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setProblem(null);
    try {
      const notificationGroups = groups
        .split(',')
        .map((group) => group.trim())
        .filter(Boolean);
      const created = await api.post<IntentView>('/intents', {
        headers: { 'idempotency-key': idempotencyKey.current },
        body: {
          environmentId,
          refreshType,
          plannedStart,
          plannedEnd,
          reason,
          ...(notificationGroups.length ? { notificationGroups } : {}),
          submit: true,
        },
      });
      idempotencyKey.current = newIdempotencyKey();
      navigate(`/refreshes/${created.id}`);
    } catch (error) {
      setProblem(error as Error);
      // A refused body may be corrected and sent again: that is another filing.
      if (error instanceof ApiProblem && error.status < 500) idempotencyKey.current = newIdempotencyKey();
    } finally {
      setSubmitting(false);
    }
  };

  const zone = environment?.timezone;
  return (
    <section aria-labelledby="file-title">
      <h1 id="file-title">File a refresh</h1>
      <form onSubmit={submit} noValidate>
        <ProblemNote problem={problem} fields={FIELDS} />
        <Field label="Environment" error={fieldError(problem, 'environmentId')}>
          {(props) => (
            <select
              {...props}
              value={environmentId}
              onChange={(event) => setEnvironmentId(event.target.value)}
            >
              {items.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name} ({candidate.key}, {candidate.tier})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Refresh type" error={fieldError(problem, 'refreshType')}>
          {(props) => (
            <select {...props} value={refreshType} onChange={(event) => setRefreshType(event.target.value)}>
              {REFRESH_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type.replace(/_/g, ' ').toLowerCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
        <WindowFields
          labels={{ start: 'Start (your time)', end: 'End (your time)' }}
          start={start}
          end={end}
          onStart={setStart}
          onEnd={setEnd}
          errors={{ start: fieldError(problem, 'plannedStart'), end: fieldError(problem, 'plannedEnd') }}
          startHint={zone ? `Environment zone: ${zone}` : undefined}
        />
        <section className="card" aria-labelledby="check-title" aria-live="polite">
          <h2 id="check-title">What this window meets</h2>
          {checkProblem && <ProblemNote problem={checkProblem} fields={[]} />}
          {!check && !checkProblem && <p className="muted">Checking…</p>}
          {check && check.conflicts.length === 0 && <p className="ok">No conflicts: this window is free.</p>}
          {check && check.conflicts.length > 0 && (
            <ul className="conflicts" aria-label="Conflicts of this window">
              {check.conflicts.map((conflict, index) => (
                <li key={`${conflict.rule}-${index}`}>
                  <SeverityBadge severity={conflict.severity} />{' '}
                  <strong>{conflict.type.replace(/_/g, ' ')}</strong>{' '}
                  <Window start={conflict.window.start} end={conflict.window.end} zone={zone} />
                  <p>{conflict.explanation}</p>
                </li>
              ))}
            </ul>
          )}
          {slots && slots.slots.length > 0 && (check?.conflicts.length ?? 0) > 0 && (
            <div className="slots">
              <h3>Next free slots</h3>
              <ul>
                {slots.slots.map((slot) => (
                  <li key={slot.start}>
                    <button type="button" className="secondary" onClick={() => applySlot(slot.start)}>
                      Use{' '}
                      <Window
                        start={slot.start}
                        end={new Date(
                          Date.parse(slot.start) + (Date.parse(plannedEnd) - Date.parse(plannedStart)),
                        ).toISOString()}
                      />
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
        <Field label="Reason" error={fieldError(problem, 'reason')}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Notify groups (comma-separated, optional)"
          error={fieldError(problem, 'notificationGroups')}
        >
          {(props) => <input {...props} value={groups} onChange={(event) => setGroups(event.target.value)} />}
        </Field>
        <button type="submit" disabled={submitting || !environmentId}>
          {submitting ? 'Filing…' : 'File and submit for approval'}
        </button>
      </form>
    </section>
  );
}
