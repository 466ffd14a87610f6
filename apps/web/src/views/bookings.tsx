import { FormEvent, useState } from 'react';
import { api, newIdempotencyKey, useResource } from '../api';
import { BOOKING_PRIORITIES } from '../contracts';
import type { BookingView, IntentView, Page } from '../contracts';
import { Session, hasRole } from '../session';
import {
  EnvironmentOptions,
  Field,
  Link,
  Loading,
  ProblemNote,
  StatusBadge,
  Window,
  WindowFields,
  fieldError,
  fromLocalInput,
  toLocalInput,
} from '../ui';
import { itemsOf, useEnvironments } from './shared';

const FIELDS = ['environmentId', 'start', 'end', 'group', 'purpose', 'priority'];

/** Book an environment for one of one's groups; the bookings one can see. */
export function BookingsView({ session }: { session: Session }) {
  const environments = useEnvironments();
  const bookings = useResource<Page<BookingView>>('/bookings', {
    limit: 100,
    from: new Date().toISOString().slice(0, 13) + ':00:00Z',
  });
  const now = Date.now();
  const [environmentId, setEnvironmentId] = useState('');
  const [start, setStart] = useState(toLocalInput(new Date(now + 3_600_000).toISOString()));
  const [end, setEnd] = useState(toLocalInput(new Date(now + 5 * 3_600_000).toISOString()));
  const [group, setGroup] = useState(session.viewer.groups[0] ?? '');
  const [purpose, setPurpose] = useState('');
  const [priority, setPriority] = useState<string>('MEDIUM');
  const [problem, setProblem] = useState<Error | null>(null);
  const mayBook = hasRole(session.viewer, 'requester');

  const book = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await api.post('/bookings', {
        headers: { 'idempotency-key': newIdempotencyKey() },
        body: {
          environmentId: environmentId || environments.list[0]?.id,
          start: fromLocalInput(start),
          end: fromLocalInput(end),
          group,
          purpose,
          priority,
        },
      });
      setPurpose('');
      bookings.reload();
    } catch (error) {
      setProblem(error as Error);
    }
  };
  const cancel = async (id: string) => {
    try {
      await api.delete(`/bookings/${id}`);
      bookings.reload();
    } catch (error) {
      setProblem(error as Error);
    }
  };

  return (
    <section aria-labelledby="bookings-title">
      <h1 id="bookings-title">Bookings</h1>
      {bookings.loading && <Loading what="bookings" />}
      <ul className="cards">
        {itemsOf(bookings.data).map((booking) => {
          const environment = environments.byId.get(booking.environmentId);
          return (
            <li key={booking.id} className="card">
              <strong>{environment?.name ?? booking.environmentId}</strong> for {booking.group}{' '}
              <StatusBadge status={booking.priority} />
              <p>
                <Window start={booking.start} end={booking.end} zone={environment?.timezone} /> —{' '}
                {booking.purpose}
              </p>
              {(booking.createdBy.sub === session.viewer.sub || hasRole(session.viewer, 'admin')) &&
                !booking.cancelledAt && (
                  <button type="button" className="danger" onClick={() => void cancel(booking.id)}>
                    Cancel booking
                  </button>
                )}
            </li>
          );
        })}
      </ul>
      {mayBook && (
        <form className="card" onSubmit={book} noValidate aria-labelledby="book-title">
          <h2 id="book-title">Book an environment</h2>
          <ProblemNote problem={problem} fields={FIELDS} />
          <Field label="Environment" error={fieldError(problem, 'environmentId')}>
            {(props) => (
              <select
                {...props}
                value={environmentId}
                onChange={(event) => setEnvironmentId(event.target.value)}
              >
                <EnvironmentOptions environments={environments.list} />
              </select>
            )}
          </Field>
          <WindowFields
            labels={{ start: 'From (your time)', end: 'Until (your time)' }}
            start={start}
            end={end}
            onStart={setStart}
            onEnd={setEnd}
            errors={{ start: fieldError(problem, 'start'), end: fieldError(problem, 'end') }}
          />
          <Field label="Group" error={fieldError(problem, 'group')}>
            {(props) => (
              <select {...props} value={group} onChange={(event) => setGroup(event.target.value)}>
                {session.viewer.groups.map((candidate) => (
                  <option key={candidate}>{candidate}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Purpose" error={fieldError(problem, 'purpose')}>
            {(props) => (
              <input {...props} value={purpose} onChange={(event) => setPurpose(event.target.value)} />
            )}
          </Field>
          <Field
            label="Priority"
            error={fieldError(problem, 'priority')}
            hint="HIGH and CRITICAL block overlapping refreshes"
          >
            {(props) => (
              <select {...props} value={priority} onChange={(event) => setPriority(event.target.value)}>
                {BOOKING_PRIORITIES.map((candidate) => (
                  <option key={candidate}>{candidate}</option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit">Book</button>
        </form>
      )}
    </section>
  );
}

/** The viewer's own refreshes and their status. */
export function MyRequestsView({ session }: { session: Session }) {
  const environments = useEnvironments();
  const intents = useResource<Page<IntentView>>('/intents', { limit: 100 }, 10_000);
  const mine = itemsOf(intents.data).filter((intent) => intent.requestedBy.sub === session.viewer.sub);
  return (
    <section aria-labelledby="mine-title">
      <h1 id="mine-title">My requests</h1>
      {intents.loading && <Loading what="your requests" />}
      {!intents.loading && mine.length === 0 && <p>You have filed no refresh.</p>}
      <ul className="cards">
        {mine.map((intent) => {
          const environment = environments.byId.get(intent.environmentId);
          return (
            <li key={intent.id} className="card">
              <Link to={`/refreshes/${intent.id}`}>
                {intent.refreshType.replace(/_/g, ' ').toLowerCase()} of{' '}
                {environment?.name ?? intent.environmentId}
              </Link>{' '}
              <StatusBadge status={intent.status} />
              <p>
                <Window start={intent.plannedStart} end={intent.plannedEnd} zone={environment?.timezone} />
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
