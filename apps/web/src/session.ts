import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { ApiProblem } from './api';
import { ACTION_KINDS, Role, abilitiesOf, allowedActions, grantsAny, refusalOf } from './contracts';
import type { ActingUser, EnvironmentView, GuardedAction, IntentView } from './contracts';

/** What `GET /api/v1/web/settings` answers (apps/gateway/src/web/web-settings.controller.ts). */
export interface WebSettings {
  oidc: { issuer: string; clientId: string; scopes: string; resource: string | null } | null;
  developmentSignIn: boolean;
  claims: { roles: string; groups: string };
  publicUrl: string;
}

/** The signed-in person, as the token says; the API decides, the page only hides what it would refuse. */
export interface Viewer {
  sub: string;
  name: string;
  roles: string[];
  groups: string[];
  /** Signed in through the development sign-in: the page shows a banner. */
  development: boolean;
}

export interface Session {
  token: string;
  viewer: Viewer;
  expiresAt: number;
}

const DEV_SESSION_KEY = 'envrefresh.dev-session';
export const CALLBACK_PATH = '/auth/callback';

export async function loadSettings(): Promise<WebSettings> {
  const response = await fetch('/api/v1/web/settings', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`the gateway did not give its sign-in settings (${response.status})`);
  return (await response.json()) as WebSettings;
}

export function userManager(settings: WebSettings): UserManager | null {
  if (!settings.oidc) return null;
  const origin = window.location.origin;
  return new UserManager({
    authority: settings.oidc.issuer,
    client_id: settings.oidc.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: settings.oidc.scopes,
    resource: settings.oidc.resource ?? undefined,
    // Session storage: a tab's sign-in ends with the tab, and no other site's script reads it.
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
  });
}

/** Reads the claims the gateway reads, at the paths it is configured with (JWT_ROLES_CLAIM…). */
export function viewerFromToken(token: string, settings: WebSettings, development: boolean): Viewer {
  const claims = decodePayload(token);
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const sub = typeof claims.sub === 'string' ? claims.sub : '';
  return {
    sub,
    name: typeof claims.name === 'string' ? claims.name : sub,
    roles: strings(at(claims, settings.claims.roles)),
    groups: strings(at(claims, settings.claims.groups)),
    development,
  };
}

function at(claims: Record<string, unknown>, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      claims,
    );
}

function decodePayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<
      string,
      unknown
    >;
  } catch {
    return {};
  }
}

export function storedDevSession(settings: WebSettings): Session | null {
  if (!settings.developmentSignIn) return null;
  const raw = window.sessionStorage.getItem(DEV_SESSION_KEY);
  if (!raw) return null;
  const { token, expiresAt } = JSON.parse(raw) as { token: string; expiresAt: number };
  if (expiresAt <= Date.now()) return null;
  return { token, expiresAt, viewer: viewerFromToken(token, settings, true) };
}

export interface DevIdentity {
  sub: string;
  name?: string;
  roles: string[];
  groups: string[];
}

export async function devSignIn(settings: WebSettings, identity: DevIdentity): Promise<Session> {
  const response = await fetch('/api/v1/web/dev-sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(identity),
  });
  const body = (await response.json()) as {
    accessToken?: string;
    expiresIn?: number;
    errors?: { field: string; message: string }[];
    detail?: string;
  };
  if (!response.ok || !body.accessToken) {
    throw new ApiProblem(response.status, 'Development sign-in failed', body.detail, body.errors ?? []);
  }
  const expiresAt = Date.now() + (body.expiresIn ?? 0) * 1000;
  window.sessionStorage.setItem(DEV_SESSION_KEY, JSON.stringify({ token: body.accessToken, expiresAt }));
  return { token: body.accessToken, expiresAt, viewer: viewerFromToken(body.accessToken, settings, true) };
}

export function forgetDevSession(): void {
  window.sessionStorage.removeItem(DEV_SESSION_KEY);
}

/** The role ladder of SPEC.md, the same function the gateway's guard runs. */
export function hasRole(viewer: Viewer, role: Role): boolean {
  return grantsAny(viewer.roles, [role]);
}

/** The viewer as the intents service judges a caller (libs/kernel `abilitiesOf`). */
function actingUserOf(viewer: Viewer): ActingUser {
  return { sub: viewer.sub, groups: viewer.groups, ...abilitiesOf(viewer.roles) };
}

function mayTake(
  viewer: Viewer,
  action: GuardedAction,
  intent: IntentView,
  environment: EnvironmentView | undefined,
): boolean {
  return (
    refusalOf(actingUserOf(viewer), ACTION_KINDS[action], {
      requestedBySub: intent.requestedBy.sub,
      environmentOwnerGroup: environment?.ownerGroup ?? null,
    }) === null
  );
}

/** May this viewer decide (approve, reject, acknowledge, override) on this intent? Owner group or admin, never their own. */
export function mayDecide(
  viewer: Viewer,
  intent: IntentView,
  environment: EnvironmentView | undefined,
): boolean {
  return mayTake(viewer, 'approve', intent, environment);
}

/**
 * What this viewer may do to this intent now: the state machine's actions for its status, those
 * the intents service's rule (`refusalOf`) would let this viewer take. The API checks again; this
 * only keeps the page from offering what it would refuse.
 */
export function actionsFor(
  viewer: Viewer,
  intent: IntentView,
  environment: EnvironmentView | undefined,
): string[] {
  return allowedActions(intent.status).filter((action) => mayTake(viewer, action, intent, environment));
}
