import { useState } from 'react';
import { api, useResource } from '../api';
import type { ConflictView, EnvironmentView, IntentView, Page } from '../contracts';
import { Session, mayDecide } from '../session';
import { Field, Link, Loading, ProblemNote, SeverityBadge, StatusBadge, Window, fieldError } from '../ui';
import { itemsOf, openConflicts, useEnvironments } from './shared';

const POLL_MS = 5_000;

/** REQUESTED intents this viewer may decide, oldest first, each with its conflicts summarised. */
export function InboxView({ session }: { session: Session }) {
  const environments = useEnvironments();
  const requested = useResource<Page<IntentView>>('/intents', { status: 'REQUESTED', limit: 100 }, POLL_MS);
  const decidable = itemsOf(requested.data)
    .filter((intent) => mayDecide(session.viewer, intent, environments.byId.get(intent.environmentId)))
    .sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Approvals inbox</h1>
      {requested.loading && <Loading what="requests" />}
      <ProblemNote problem={requested.error} />
      {!requested.loading && decidable.length === 0 && <p>Nothing waits for your decision.</p>}
      <ol className="inbox">
        {decidable.map((intent) => (
          <InboxItem
            key={intent.id}
            intent={intent}
            environment={environments.byId.get(intent.environmentId)}
            onDecided={requested.reload}
          />
        ))}
      </ol>
    </section>
  );
}

function InboxItem({
  intent,
  environment,
  onDecided,
}: {
  intent: IntentView;
  environment?: EnvironmentView;
  onDecided: () => void;
}) {
  const conflicts = useResource<Page<ConflictView> | ConflictView[]>(
    `/intents/${intent.id}/conflicts`,
    undefined,
    POLL_MS,
  );
  const open = openConflicts(itemsOf(conflicts.data));
  const blocking = open.filter((conflict) => conflict.severity === 'BLOCKING').length;
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `inbox-${intent.id}`;

  const decide = async (action: 'approve' | 'reject') => {
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`/intents/${intent.id}/${action}`, {
        body: { version: intent.version, ...(notes ? { notes } : {}) },
      });
      onDecided();
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link to={`/refreshes/${intent.id}`}>
          {intent.refreshType.replace(/_/g, ' ').toLowerCase()} of {environment?.name ?? intent.environmentId}
        </Link>{' '}
        <StatusBadge status={intent.status} />
      </h2>
      <p>
        <Window start={intent.plannedStart} end={intent.plannedEnd} zone={environment?.timezone} /> ·
        requested by {intent.requestedBy.name ?? intent.requestedBy.sub}
      </p>
      <p>{intent.reason}</p>
      <p className="summary">
        {open.length === 0
          ? 'No open conflicts.'
          : `${open.length} open conflict${open.length > 1 ? 's' : ''}, ${blocking} blocking.`}
      </p>
      {open.length > 0 && (
        <ul className="conflicts">
          {open.map((conflict) => (
            <ConflictDecision
              key={conflict.id}
              conflict={conflict}
              zone={environment?.timezone}
              onDecided={conflicts.reload}
            />
          ))}
        </ul>
      )}
      <ProblemNote problem={problem} fields={['notes']} />
      <Field label="Notes (required to reject)" error={fieldError(problem, 'notes')}>
        {(props) => (
          <textarea {...props} rows={2} value={notes} onChange={(event) => setNotes(event.target.value)} />
        )}
      </Field>
      <div className="actions">
        <button
          type="button"
          disabled={busy || blocking > 0}
          onClick={() => void decide('approve')}
          aria-describedby={blocking > 0 ? `${headingId}-blocked` : undefined}
        >
          Approve
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void decide('reject')}>
          Reject
        </button>
      </div>
      {blocking > 0 && (
        <p id={`${headingId}-blocked`} className="muted">
          Override or resolve the blocking conflicts before approving.
        </p>
      )}
    </li>
  );
}

/** Acknowledge a WARNING, or override a BLOCKING conflict with a justification. */
export function ConflictDecision({
  conflict,
  zone,
  onDecided,
  mayDecide = true,
}: {
  conflict: ConflictView;
  zone?: string;
  onDecided: () => void;
  mayDecide?: boolean;
}) {
  const [justification, setJustification] = useState('');
  const [problem, setProblem] = useState<Error | null>(null);
  const act = async () => {
    setProblem(null);
    try {
      if (conflict.severity === 'BLOCKING')
        await api.post(`/conflicts/${conflict.id}/override`, { body: { justification } });
      else await api.post(`/conflicts/${conflict.id}/acknowledge`, { body: {} });
      onDecided();
    } catch (error) {
      setProblem(error as Error);
    }
  };
  return (
    <li>
      <SeverityBadge severity={conflict.severity} /> <strong>{conflict.type.replace(/_/g, ' ')}</strong>{' '}
      <Window start={conflict.window.start} end={conflict.window.end} zone={zone} />{' '}
      <StatusBadge status={conflict.status} />
      <p>{conflict.explanation}</p>
      {conflict.justification && <p className="muted">Overridden: {conflict.justification}</p>}
      {mayDecide && conflict.status === 'OPEN' && (
        <div className="decision">
          <ProblemNote problem={problem} fields={['justification']} />
          {conflict.severity === 'BLOCKING' && (
            <Field label="Justification for overriding" error={fieldError(problem, 'justification')}>
              {(props) => (
                <input
                  {...props}
                  value={justification}
                  onChange={(event) => setJustification(event.target.value)}
                />
              )}
            </Field>
          )}
          <button type="button" className="secondary" onClick={() => void act()}>
            {conflict.severity === 'BLOCKING' ? 'Override' : 'Acknowledge'}
          </button>
        </div>
      )}
    </li>
  );
}
