import { FormEvent, useEffect, useState } from 'react';
import type { UserManager } from 'oidc-client-ts';
import { ApiProblem, configureApi } from './api';
import { ROLES } from './contracts';
import {
  CALLBACK_PATH,
  Session,
  WebSettings,
  devSignIn,
  forgetDevSession,
  hasRole,
  loadSettings,
  storedDevSession,
  userManager,
  viewerFromToken,
} from './session';
import { Field, Link, Loading, ProblemNote, fieldError, navigate } from './ui';
import { AdminView } from './views/admin';
import { BookingsView, MyRequestsView } from './views/bookings';
import { CalendarView } from './views/calendar';
import { FileRefreshView } from './views/file-refresh';
import { InboxView } from './views/inbox';
import { RefreshDetailView } from './views/refresh-detail';
import { SubscriptionsView } from './views/subscriptions';

function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return path;
}

export function App() {
  const [settings, setSettings] = useState<WebSettings | null>(null);
  const [manager, setManager] = useState<UserManager | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [problem, setProblem] = useState<Error | null>(null);
  const [ready, setReady] = useState(false);
  const path = usePath();

  useEffect(() => {
    void (async () => {
      try {
        const loaded = await loadSettings();
        const oidc = userManager(loaded);
        setSettings(loaded);
        setManager(oidc);
        if (oidc && window.location.pathname === CALLBACK_PATH) {
          const user = await oidc.signinRedirectCallback();
          const back = typeof user.state === 'string' && user.state.startsWith('/') ? user.state : '/';
          window.history.replaceState(null, '', back);
          window.dispatchEvent(new PopStateEvent('popstate'));
        }
        const user = oidc ? await oidc.getUser() : null;
        if (user && !user.expired)
          setSession({
            token: user.access_token,
            expiresAt: (user.expires_at ?? 0) * 1000,
            viewer: viewerFromToken(user.access_token, loaded, false),
          });
        else setSession(storedDevSession(loaded));
      } catch (error) {
        setProblem(error as Error);
      } finally {
        setReady(true);
      }
    })();
  }, []);

  // Set while rendering, not in an effect: the views' first requests (their effects run before
  // this component's) must already carry the token.
  configureApi(
    () => session?.token ?? null,
    () => setProblem(new Error('Your sign-in has expired or was refused: sign in again.')),
  );

  const signOut = async () => {
    forgetDevSession();
    setSession(null);
    if (manager && !session?.viewer.development) await manager.removeUser();
  };

  if (!ready) return <Loading what="envrefresh" />;
  if (!settings || !session)
    return <SignIn settings={settings} manager={manager} problem={problem} onSignedIn={setSession} />;

  const viewer = session.viewer;
  const links: [string, string, boolean][] = [
    ['/', 'Calendar', true],
    ['/inbox', 'Approvals', hasRole(viewer, 'approver')],
    ['/file', 'File a refresh', hasRole(viewer, 'requester')],
    ['/mine', 'My requests', hasRole(viewer, 'requester')],
    ['/bookings', 'Bookings', true],
    ['/subscriptions', 'Subscriptions', true],
    ['/admin', 'Admin', hasRole(viewer, 'admin')],
  ];
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      {viewer.development && (
        <p className="dev-banner" role="note">
          Development sign-in: this token was minted with the development secret. Never in production.
        </p>
      )}
      <header>
        <span className="brand">envrefresh</span>
        <nav aria-label="Main">
          <ul>
            {links
              .filter(([, , shown]) => shown)
              .map(([to, label]) => (
                <li key={to}>
                  <Link to={to} className={path === to ? 'current' : undefined}>
                    {label}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <span className="who">
          {viewer.name} <small>({viewer.roles.join(', ') || 'no role'})</small>{' '}
          <button type="button" className="secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <ProblemNote problem={problem} />
        <Route path={path} session={session} />
      </main>
    </>
  );
}

/** The paths here are the gateway's PAGE_PATHS (apps/gateway/src/web/serve-web-app.ts): add a path to both. */
function Route({ path, session }: { path: string; session: Session }) {
  const detail = /^\/refreshes\/([^/]+)$/.exec(path);
  if (detail)
    return <RefreshDetailView key={detail[1]} id={decodeURIComponent(detail[1])} session={session} />;
  switch (path) {
    case '/':
    case CALLBACK_PATH:
      return <CalendarView />;
    case '/inbox':
      return <InboxView session={session} />;
    case '/file':
      return <FileRefreshView />;
    case '/mine':
      return <MyRequestsView session={session} />;
    case '/bookings':
      return <BookingsView session={session} />;
    case '/subscriptions':
      return <SubscriptionsView session={session} />;
    case '/admin':
      return <AdminView />;
    default:
      return (
        <section>
          <h1>Not found</h1>
          <p>
            Nothing lives at <code>{path}</code>. <Link to="/">Back to the calendar</Link>.
          </p>
        </section>
      );
  }
}

function SignIn({
  settings,
  manager,
  problem,
  onSignedIn,
}: {
  settings: WebSettings | null;
  manager: UserManager | null;
  problem: Error | null;
  onSignedIn: (session: Session) => void;
}) {
  const [sub, setSub] = useState('');
  const [roles, setRoles] = useState<string[]>(['requester']);
  const [groups, setGroups] = useState('');
  const [devProblem, setDevProblem] = useState<Error | null>(null);
  const dev = async (event: FormEvent) => {
    event.preventDefault();
    if (!settings) return;
    setDevProblem(null);
    try {
      onSignedIn(
        await devSignIn(settings, {
          sub,
          roles,
          groups: groups
            .split(',')
            .map((group) => group.trim())
            .filter(Boolean),
        }),
      );
      navigate(window.location.pathname);
    } catch (error) {
      setDevProblem(error as Error);
    }
  };
  return (
    <main id="main" className="sign-in">
      <h1>envrefresh</h1>
      <p>Plan, approve and follow refreshes of shared test environments.</p>
      <ProblemNote problem={problem} />
      {manager && (
        <button
          type="button"
          onClick={() => void manager.signinRedirect({ state: window.location.pathname })}
        >
          Sign in with your organisation
        </button>
      )}
      {settings && !manager && !settings.developmentSignIn && (
        <p>No sign-in is configured: set OIDC_ISSUER and OIDC_CLIENT_ID on the gateway.</p>
      )}
      {settings?.developmentSignIn && (
        <form className="card dev" onSubmit={dev} noValidate aria-labelledby="dev-title">
          <h2 id="dev-title">Development sign-in</h2>
          <p className="dev-banner" role="note">
            Development only: mints a token with the development secret for whoever you name. Absent in
            production.
          </p>
          <ProblemNote problem={devProblem} fields={['sub', 'roles', 'groups']} />
          <Field label="User (sub)" error={fieldError(devProblem, 'sub')}>
            {(props) => (
              <input
                {...props}
                value={sub}
                onChange={(event) => setSub(event.target.value)}
                autoComplete="username"
              />
            )}
          </Field>
          <fieldset>
            <legend>Roles</legend>
            {ROLES.map((role) => (
              <label key={role} className="inline">
                <input
                  type="checkbox"
                  checked={roles.includes(role)}
                  onChange={(event) =>
                    setRoles((previous) =>
                      event.target.checked ? [...previous, role] : previous.filter((r) => r !== role),
                    )
                  }
                />{' '}
                {role}
              </label>
            ))}
            {devProblem instanceof ApiProblem && devProblem.forField('roles') && (
              <small className="field-error" role="alert">
                {devProblem.forField('roles')}
              </small>
            )}
          </fieldset>
          <Field label="Groups (comma-separated)" error={fieldError(devProblem, 'groups')}>
            {(props) => (
              <input {...props} value={groups} onChange={(event) => setGroups(event.target.value)} />
            )}
          </Field>
          <button type="submit">Sign in (development)</button>
        </form>
      )}
    </main>
  );
}
