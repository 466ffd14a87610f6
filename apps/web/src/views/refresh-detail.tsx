import { useState } from 'react';
import { ApiProblem, api, useResource } from '../api';
import type {
  ConflictView,
  DeliveryView,
  HistoryEntryView,
  HistoryVerification,
  IntentView,
  Page,
  ScheduleView,
} from '../contracts';
import { Session, actionsFor, mayDecide } from '../session';
import { Field, Loading, ProblemNote, StatusBadge, Time, Window, fieldError } from '../ui';
import { ConflictDecision } from './inbox';
import { itemsOf, useEnvironments } from './shared';

const POLL_MS = 4_000;
const NEEDS_NOTES = new Set(['reject', 'fail']);

/** One refresh, live: status and this viewer's actions, conflicts, jobs, history with its chain check, deliveries. */
export function RefreshDetailView({ id, session }: { id: string; session: Session }) {
  const intent = useResource<IntentView>(`/intents/${id}`, undefined, POLL_MS);
  const conflicts = useResource<Page<ConflictView> | ConflictView[]>(
    `/intents/${id}/conflicts`,
    undefined,
    POLL_MS,
  );
  const history = useResource<HistoryEntryView[] | Page<HistoryEntryView>>(
    `/intents/${id}/history`,
    undefined,
    POLL_MS,
  );
  const verification = useResource<HistoryVerification>(`/intents/${id}/history/verify`, undefined, POLL_MS);
  const schedule = useResource<ScheduleView>(`/schedules/${id}`, undefined, POLL_MS);
  const deliveries = useResource<Page<DeliveryView>>('/deliveries', { intentId: id, limit: 50 }, POLL_MS);
  const environments = useEnvironments();
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<Error | null>(null);

  if (intent.error) return <ProblemNote problem={intent.error} />;
  if (!intent.data) return <Loading what="the refresh" />;
  const current = intent.data;
  const environment = environments.byId.get(current.environmentId);
  const zone = environment?.timezone;
  const actions = actionsFor(session.viewer, current, environment);
  const decides = mayDecide(session.viewer, current, environment);

  const act = async (action: string) => {
    setProblem(null);
    try {
      await api.post(`/intents/${id}/${action}`, {
        body: { version: current.version, ...(notes ? { notes } : {}) },
      });
      setNotes('');
      intent.reload();
      history.reload();
    } catch (error) {
      setProblem(error as Error);
      intent.reload();
    }
  };

  return (
    <article aria-labelledby="detail-title">
      <h1 id="detail-title">
        {current.refreshType.replace(/_/g, ' ').toLowerCase()} of {environment?.name ?? current.environmentId}{' '}
        <StatusBadge status={current.status} />
      </h1>
      <dl className="facts">
        <dt>Window</dt>
        <dd>
          <Window start={current.plannedStart} end={current.plannedEnd} zone={zone} />
        </dd>
        <dt>Requested by</dt>
        <dd>{current.requestedBy.name ?? current.requestedBy.sub}</dd>
        <dt>Reason</dt>
        <dd>{current.reason}</dd>
        {current.notificationGroups.length > 0 && (
          <>
            <dt>Notifies</dt>
            <dd>{current.notificationGroups.join(', ')}</dd>
          </>
        )}
      </dl>

      {actions.length > 0 && (
        <section className="card" aria-labelledby="actions-title">
          <h2 id="actions-title">What you can do</h2>
          <ProblemNote problem={problem} fields={['notes']} />
          <Field
            label={
              actions.some((action) => NEEDS_NOTES.has(action))
                ? 'Notes (required to reject or fail)'
                : 'Notes'
            }
            error={fieldError(problem, 'notes')}
          >
            {(props) => (
              <textarea
                {...props}
                rows={2}
                value={notes}
                onChange={(event) => setNotes(event.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                className={
                  action === 'reject' || action === 'cancel' || action === 'fail' ? 'danger' : undefined
                }
                onClick={() => void act(action)}
              >
                {action[0].toUpperCase() + action.slice(1)}
              </button>
            ))}
          </div>
          {problem instanceof ApiProblem && problem.allowedActions && (
            <p className="muted">
              The refresh now allows: {problem.allowedActions.join(', ') || 'nothing more'}.
            </p>
          )}
        </section>
      )}

      <section aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">Conflicts</h2>
        {itemsOf(conflicts.data).length === 0 ? (
          <p>None.</p>
        ) : (
          <ul className="conflicts">
            {itemsOf(conflicts.data).map((conflict) => (
              <ConflictDecision
                key={conflict.id}
                conflict={conflict}
                zone={zone}
                onDecided={conflicts.reload}
                mayDecide={decides && current.status === 'REQUESTED'}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="jobs-title">
        <h2 id="jobs-title">Schedule</h2>
        {!schedule.data ? (
          <p className="muted">
            {schedule.error instanceof ApiProblem && schedule.error.status === 404
              ? 'No schedule yet: it is made at approval.'
              : 'Loading…'}
          </p>
        ) : (
          <table>
            <caption>Jobs of the {schedule.data.status.toLowerCase()} schedule</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {schedule.data.jobs.map((job) => (
                <tr key={`${job.kind}-${job.dueAt}`}>
                  <td>
                    {job.kind}
                    {job.leadTime ? ` (${job.leadTime} before)` : ''}
                  </td>
                  <td>
                    <Time at={job.dueAt} zone={zone} />
                  </td>
                  <td>{job.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {verification.data && (
          <p className={verification.data.intact ? 'ok' : 'problem'}>
            {verification.data.intact
              ? `Audit chain intact (${verification.data.entries} entries verified).`
              : `Audit chain BROKEN at entry ${verification.data.firstBrokenSequence}: ${verification.data.reason}`}
          </p>
        )}
        <ol className="history">
          {itemsOf(history.data).map((entry) => (
            <li key={entry.sequence}>
              <Time at={entry.at} zone={zone} /> — <strong>{entry.action}</strong> by{' '}
              {entry.actor.name ?? entry.actor.sub}
              {entry.fromStatus && entry.fromStatus !== entry.toStatus
                ? ` (${entry.fromStatus} → ${entry.toStatus})`
                : ''}
              {entry.notes ? `: ${entry.notes}` : ''}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Who was told</h2>
        {itemsOf(deliveries.data).length === 0 ? (
          <p>No deliveries yet.</p>
        ) : (
          <DeliveryTable deliveries={itemsOf(deliveries.data)} />
        )}
      </section>
    </article>
  );
}

export function DeliveryTable({ deliveries }: { deliveries: DeliveryView[] }) {
  return (
    <table>
      <caption className="visually-hidden">Deliveries</caption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Channel</th>
          <th scope="col">Why</th>
          <th scope="col">Status</th>
          <th scope="col">Attempts</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td>{delivery.eventType}</td>
            <td>
              {delivery.channel}
              {delivery.target ? ` ${delivery.target}` : ''}
            </td>
            <td>{delivery.reasons.join('; ')}</td>
            <td>
              <StatusBadge status={delivery.status} />
              {delivery.lastError ? ` ${delivery.lastError}` : ''}
            </td>
            <td>{delivery.attempts.length}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
