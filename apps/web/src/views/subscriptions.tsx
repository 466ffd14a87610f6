import { FormEvent, useState } from 'react';
import { api, newIdempotencyKey, useResource } from '../api';
import { CHANNELS } from '../contracts';
import type { DeliveryView, Page, SubscriptionView, SubscriptionWithSecret } from '../contracts';
import { Session, hasRole } from '../session';
import { Field, Loading, ProblemNote, StatusBadge, fieldError } from '../ui';
import { DeliveryTable } from './refresh-detail';
import { itemsOf } from './shared';

const FIELDS = ['channel', 'target', 'filter.groups', 'filter'];

/** A group member manages the group's subscriptions, sends a test, reads the delivery log. */
export function SubscriptionsView({ session }: { session: Session }) {
  const subscriptions = useResource<Page<SubscriptionView>>('/subscriptions', { limit: 100 });
  const [channel, setChannel] = useState<string>('WEBHOOK');
  const [target, setTarget] = useState('');
  const [group, setGroup] = useState(session.viewer.groups[0] ?? '');
  const [problem, setProblem] = useState<Error | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const mayManage = hasRole(session.viewer, 'admin') || session.viewer.groups.length > 0;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      const created = await api.post<SubscriptionWithSecret>('/subscriptions', {
        headers: { 'idempotency-key': newIdempotencyKey() },
        body: { channel, target, filter: group ? { groups: [group] } : {} },
      });
      setSecret((created as { secret?: string }).secret ?? null);
      setTarget('');
      subscriptions.reload();
    } catch (error) {
      setProblem(error as Error);
    }
  };

  return (
    <section aria-labelledby="subs-title">
      <h1 id="subs-title">Subscriptions</h1>
      {subscriptions.loading && <Loading what="subscriptions" />}
      <ProblemNote problem={subscriptions.error} />
      <ul className="cards">
        {itemsOf(subscriptions.data).map((subscription) => (
          <SubscriptionRow
            key={subscription.id}
            subscription={subscription}
            onChange={subscriptions.reload}
            onShowLog={() => setSelected(subscription.id)}
          />
        ))}
      </ul>
      {selected && <DeliveryLog subscriptionId={selected} />}
      {mayManage && (
        <form className="card" onSubmit={create} noValidate aria-labelledby="new-sub-title">
          <h2 id="new-sub-title">New subscription</h2>
          <ProblemNote problem={problem} fields={FIELDS} />
          <Field label="Channel" error={fieldError(problem, 'channel')}>
            {(props) => (
              <select {...props} value={channel} onChange={(event) => setChannel(event.target.value)}>
                {CHANNELS.map((candidate) => (
                  <option key={candidate}>{candidate}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Target (URL, or e-mail address)" error={fieldError(problem, 'target')}>
            {(props) => (
              <input {...props} value={target} onChange={(event) => setTarget(event.target.value)} />
            )}
          </Field>
          <Field
            label="For group"
            error={fieldError(problem, 'filter.groups') ?? fieldError(problem, 'filter')}
          >
            {(props) => <input {...props} value={group} onChange={(event) => setGroup(event.target.value)} />}
          </Field>
          <button type="submit">Subscribe</button>
          {secret && (
            <p role="status">
              Signing secret (shown once): <code>{secret}</code>
            </p>
          )}
        </form>
      )}
    </section>
  );
}

function SubscriptionRow({
  subscription,
  onChange,
  onShowLog,
}: {
  subscription: SubscriptionView;
  onChange: () => void;
  onShowLog: () => void;
}) {
  const [problem, setProblem] = useState<Error | null>(null);
  const [note, setNote] = useState('');
  // The test's own delivery, as the API answered it: the log lists deliveries of refreshes the
  // viewer may see (admins: all), and a test belongs to no refresh.
  const [test, setTest] = useState<DeliveryView | null>(null);
  const run = async (work: () => Promise<unknown>, done: string) => {
    setProblem(null);
    try {
      await work();
      setNote(done);
      onChange();
    } catch (error) {
      setProblem(error as Error);
    }
  };
  return (
    <li className="card">
      <strong>{subscription.channel}</strong> → {subscription.target}{' '}
      {subscription.enabled ? <StatusBadge status="ENABLED" /> : <StatusBadge status="PAUSED" />}
      <p className="muted">
        Groups: {subscription.filter.groups?.join(', ') || 'any'} · environments:{' '}
        {subscription.filter.environmentIds?.length ?? 'all'} · tiers:{' '}
        {subscription.filter.tiers?.join(', ') || 'all'}
        {subscription.disabledReason ? ` · switched off: ${subscription.disabledReason}` : ''}
      </p>
      <ProblemNote problem={problem} />
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void run(
              async () =>
                setTest(await api.post<DeliveryView>(`/subscriptions/${subscription.id}/test`, { body: {} })),
              'Test sent.',
            )
          }
        >
          Send a test
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void run(
              () =>
                api.patch(`/subscriptions/${subscription.id}`, { body: { enabled: !subscription.enabled } }),
              subscription.enabled ? 'Paused.' : 'Resumed.',
            )
          }
        >
          {subscription.enabled ? 'Pause' : 'Resume'}
        </button>
        <button type="button" className="secondary" onClick={onShowLog}>
          Delivery log
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => void run(() => api.delete(`/subscriptions/${subscription.id}`), 'Deleted.')}
        >
          Delete
        </button>
      </div>
      <span role="status">{note}</span>
      {test && (
        <p className="test-delivery">
          Test delivery: <StatusBadge status={test.status} />
          {test.lastError ? ` ${test.lastError}` : ''}
        </p>
      )}
    </li>
  );
}

function DeliveryLog({ subscriptionId }: { subscriptionId: string }) {
  const deliveries = useResource<Page<DeliveryView>>('/deliveries', { subscriptionId, limit: 50 }, 5_000);
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">Delivery log</h2>
      <ProblemNote problem={deliveries.error} />
      {itemsOf(deliveries.data).length === 0 ? (
        <p>Nothing delivered yet.</p>
      ) : (
        <DeliveryTable deliveries={itemsOf(deliveries.data)} />
      )}
    </section>
  );
}
