import { ReactNode, useId } from 'react';
import { ApiProblem } from './api';
import type { EnvironmentView } from './contracts';

/** Times in the viewer's zone; the environment's own zone on hover (and for screen readers, in the title). */
export function Time({ at, zone }: { at: string; zone?: string }) {
  const date = new Date(at);
  const local = date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const there = zone
    ? `${date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone })} ${zone}`
    : undefined;
  return (
    <time dateTime={at} title={there}>
      {local}
    </time>
  );
}

export function Window({ start, end, zone }: { start: string; end: string; zone?: string }) {
  return (
    <span>
      <Time at={start} zone={zone} /> – <Time at={end} zone={zone} />
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{status.replace(/_/g, ' ')}</span>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`badge severity-${severity.toLowerCase()}`}>{severity}</span>;
}

/** A labelled control with the API's message for its field right under it. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** What the API said that no field shows: its detail, and any field the form has no control for. */
export function ProblemNote({
  problem,
  fields = [],
}: {
  problem?: Error | null;
  fields?: readonly string[];
}) {
  if (!problem) return null;
  const unplaced = problem instanceof ApiProblem ? problem.unplaced(fields) : [];
  const placed = problem instanceof ApiProblem && problem.errors.length > 0 && unplaced.length === 0;
  return (
    <div className="problem" role="alert">
      <strong>{problem instanceof ApiProblem ? problem.title : 'Something went wrong'}</strong>
      {!placed && problem.message && <p>{problem.message}</p>}
      {placed && <p>See the fields marked below.</p>}
      {unplaced.length > 0 && (
        <ul>
          {unplaced.map((error) => (
            <li key={`${error.field}:${error.message}`}>
              <code>{error.field}</code>: {error.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function fieldError(problem: Error | null | undefined, field: string): string | undefined {
  return problem instanceof ApiProblem ? problem.forField(field) : undefined;
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** `<input type="datetime-local">` speaks local wall time; the API speaks instants with an offset. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(value: string): string {
  return value ? new Date(value).toISOString() : '';
}

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <a
      href={to}
      className={className}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The `<option>`s of an environment picker, with an optional first "any" choice. */
export function EnvironmentOptions({
  environments,
  anyLabel,
}: {
  environments: readonly EnvironmentView[];
  anyLabel?: string;
}) {
  return (
    <>
      {anyLabel !== undefined && <option value="">{anyLabel}</option>}
      {environments.map((environment) => (
        <option key={environment.id} value={environment.id}>
          {environment.name}
        </option>
      ))}
    </>
  );
}

/** A start and an end in the viewer's zone, side by side, each with the API's problem under it. */
export function WindowFields({
  labels,
  start,
  end,
  onStart,
  onEnd,
  errors,
  startHint,
}: {
  labels: { start: string; end: string };
  start: string;
  end: string;
  onStart: (value: string) => void;
  onEnd: (value: string) => void;
  errors: { start?: string; end?: string };
  startHint?: string;
}) {
  return (
    <div className="row">
      <Field label={labels.start} error={errors.start} hint={startHint}>
        {(props) => (
          <input
            {...props}
            type="datetime-local"
            value={start}
            onChange={(event) => onStart(event.target.value)}
          />
        )}
      </Field>
      <Field label={labels.end} error={errors.end}>
        {(props) => (
          <input
            {...props}
            type="datetime-local"
            value={end}
            onChange={(event) => onEnd(event.target.value)}
          />
        )}
      </Field>
    </div>
  );
}
