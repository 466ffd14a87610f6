import { FormEvent, useState } from 'react';
import { api, newIdempotencyKey, useResource } from '../api';
import { ENVIRONMENT_TIERS, WINDOW_KINDS } from '../contracts';
import type { Page, WindowView } from '../contracts';
import {
  EnvironmentOptions,
  Field,
  ProblemNote,
  Window,
  WindowFields,
  fieldError,
  fromLocalInput,
  toLocalInput,
} from '../ui';
import { itemsOf, useEnvironments } from './shared';

/** Admins: environments, and blackout and maintenance windows. */
export function AdminView() {
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <Environments />
      <Windows />
    </section>
  );
}

function Environments() {
  const environments = useEnvironments();
  const [form, setForm] = useState({
    key: '',
    name: '',
    tier: 'QA',
    ownerGroup: '',
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const [problem, setProblem] = useState<Error | null>(null);
  const set = (name: keyof typeof form, value: string) =>
    setForm((previous) => ({ ...previous, [name]: value }));
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await api.post('/environments', { headers: { 'idempotency-key': newIdempotencyKey() }, body: form });
      environments.reload();
    } catch (error) {
      setProblem(error as Error);
    }
  };
  return (
    <section aria-labelledby="envs-title">
      <h2 id="envs-title">Environments</h2>
      <table>
        <caption className="visually-hidden">Environments</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Name</th>
            <th scope="col">Tier</th>
            <th scope="col">Owner group</th>
            <th scope="col">Zone</th>
          </tr>
        </thead>
        <tbody>
          {environments.list.map((environment) => (
            <tr key={environment.id}>
              <td>{environment.key}</td>
              <td>{environment.name}</td>
              <td>{environment.tier}</td>
              <td>{environment.ownerGroup}</td>
              <td>{environment.timezone}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card" onSubmit={create} noValidate aria-label="New environment">
        <ProblemNote problem={problem} fields={Object.keys(form)} />
        {(['key', 'name', 'ownerGroup', 'timezone'] as const).map((name) => (
          <Field
            key={name}
            label={name === 'ownerGroup' ? 'Owner group' : name[0].toUpperCase() + name.slice(1)}
            error={fieldError(problem, name)}
          >
            {(props) => (
              <input {...props} value={form[name]} onChange={(event) => set(name, event.target.value)} />
            )}
          </Field>
        ))}
        <Field label="Tier" error={fieldError(problem, 'tier')}>
          {(props) => (
            <select {...props} value={form.tier} onChange={(event) => set('tier', event.target.value)}>
              {ENVIRONMENT_TIERS.map((tier) => (
                <option key={tier}>{tier}</option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">Add environment</button>
      </form>
    </section>
  );
}

function Windows() {
  const windows = useResource<Page<WindowView>>('/windows', { limit: 100 });
  const environments = useEnvironments();
  const now = Date.now();
  const [kind, setKind] = useState<string>('BLACKOUT');
  const [name, setName] = useState('');
  const [environmentId, setEnvironmentId] = useState('');
  const [start, setStart] = useState(toLocalInput(new Date(now + 86_400_000).toISOString()));
  const [end, setEnd] = useState(toLocalInput(new Date(now + 2 * 86_400_000).toISOString()));
  const [problem, setProblem] = useState<Error | null>(null);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await api.post('/windows', {
        headers: { 'idempotency-key': newIdempotencyKey() },
        body: {
          kind,
          name,
          scope: environmentId ? { environmentIds: [environmentId] } : {},
          start: fromLocalInput(start),
          end: fromLocalInput(end),
        },
      });
      windows.reload();
    } catch (error) {
      setProblem(error as Error);
    }
  };
  const remove = async (id: string) => {
    try {
      await api.delete(`/windows/${id}`);
      windows.reload();
    } catch (error) {
      setProblem(error as Error);
    }
  };
  return (
    <section aria-labelledby="windows-title">
      <h2 id="windows-title">Blackout and maintenance windows</h2>
      <ul className="cards">
        {itemsOf(windows.data).map((window) => (
          <li key={window.id} className="card">
            <strong>{window.kind}</strong> {window.name}{' '}
            {'start' in window ? (
              <Window start={window.start} end={window.end} />
            ) : (
              <code>{window.rrule}</code>
            )}{' '}
            <button type="button" className="danger" onClick={() => void remove(window.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <form className="card" onSubmit={create} noValidate aria-label="New window">
        <ProblemNote problem={problem} fields={['kind', 'name', 'scope', 'start', 'end']} />
        <Field label="Kind" error={fieldError(problem, 'kind')}>
          {(props) => (
            <select {...props} value={kind} onChange={(event) => setKind(event.target.value)}>
              {WINDOW_KINDS.map((candidate) => (
                <option key={candidate}>{candidate}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Name" error={fieldError(problem, 'name')}>
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Field label="Environment (empty: everything)" error={fieldError(problem, 'scope')}>
          {(props) => (
            <select
              {...props}
              value={environmentId}
              onChange={(event) => setEnvironmentId(event.target.value)}
            >
              <EnvironmentOptions environments={environments.list} anyLabel="Everything" />
            </select>
          )}
        </Field>
        <WindowFields
          labels={{ start: 'Start (your time)', end: 'End (your time)' }}
          start={start}
          end={end}
          onStart={setStart}
          onEnd={setEnd}
          errors={{ start: fieldError(problem, 'start'), end: fieldError(problem, 'end') }}
        />
        <button type="submit">Add window</button>
      </form>
    </section>
  );
}
