import * as path from 'node:path';
import { EnvReader } from '@envrefresh/config';

/** What the page needs to sign in with the organisation's identity provider (docs/web-ui.md). */
export interface OidcSettings {
  /** OIDC_ISSUER: the provider's issuer URL; the page reads its discovery document from there. */
  issuer: string;
  /** OIDC_CLIENT_ID: a public client registered for the page (authorization code + PKCE, no secret). */
  clientId: string;
  /** OIDC_SCOPES: space-separated, `openid` included. */
  scopes: string;
  /**
   * OIDC_RESOURCE: sent as `resource` (RFC 8707) where the provider issues access tokens for an
   * API named that way; absent when the provider derives the audience from the scopes or the client.
   */
  resource: string | null;
}

export interface WebConfig {
  oidc: OidcSettings | null;
  /** WEB_ROOT: the built single-page app (`npm run build` writes dist/web). */
  root: string;
}

/** The built app, beside the gateway's compiled code: dist/apps/gateway/src/web → dist/web. */
const BUILT_WEB_ROOT = path.resolve(__dirname, '../../../../web');

export function readWebConfig(env: EnvReader, production: boolean): WebConfig {
  const issuer = env.optionalString('OIDC_ISSUER');
  const clientId = env.optionalString('OIDC_CLIENT_ID');
  const scopes = env.string('OIDC_SCOPES', 'openid profile email');
  const resource = env.optionalString('OIDC_RESOURCE') ?? null;
  if (Boolean(issuer) !== Boolean(clientId))
    env.fail('set OIDC_ISSUER and OIDC_CLIENT_ID together, or neither');
  if (issuer)
    env.url('OIDC_ISSUER', production ? ['https'] : ['https', 'http'], {
      example: 'https://login.example.com/realms/acme',
    });
  if (!/(^|\s)openid(\s|$)/.test(scopes)) env.fail('OIDC_SCOPES must include openid');
  return {
    oidc: issuer && clientId ? { issuer: issuer.replace(/\/+$/, ''), clientId, scopes, resource } : null,
    root: path.resolve(env.string('WEB_ROOT', BUILT_WEB_ROOT)),
  };
}
