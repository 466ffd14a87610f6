import { generateKeyPairSync, KeyObject } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';

/** Who can sign in at the test's identity provider, with the claims the gateway reads. */
export interface IdpAccount {
  sub: string;
  name: string;
  roles: string[];
  groups: string[];
}

export const WEB_CLIENT_ID = 'envrefresh-web';
/** The API as a resource (RFC 8707): the provider issues JWT access tokens for it. */
export const API_RESOURCE = 'urn:envrefresh:api';
export const API_AUDIENCE = 'envrefresh-api';

/**
 * A real OpenID provider (oidc-provider, its development login and consent pages) on a loopback
 * port: authorization code with PKCE for the page's public client, RS256 JWT access tokens for
 * the API carrying roles and groups, its JWKS where the gateway's JWT_JWKS_URL points. It listens
 * before the suite starts (the gateway needs its URL) and answers once `configure` knows the
 * page's address (the client's redirect URI).
 */
export class IdentityProvider {
  readonly issuer: string;
  private readonly privateKey: KeyObject;
  private readonly kid = 'web-ui-spec-key';
  private handler?: http.RequestListener;

  private constructor(
    private readonly server: http.Server,
    private readonly accounts: Map<string, IdpAccount>,
  ) {
    const { port } = server.address() as AddressInfo;
    this.issuer = `http://127.0.0.1:${port}`;
    this.privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }

  static async listen(accounts: IdpAccount[]): Promise<IdentityProvider> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const provider = new IdentityProvider(server, new Map(accounts.map((account) => [account.sub, account])));
    server.on('request', (request, response) => {
      if (provider.handler) return provider.handler(request, response);
      response.writeHead(503).end();
    });
    return provider;
  }

  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }

  /** Starts answering, with the page at `pageOrigin` as the one registered client. */
  async configure(pageOrigin: string): Promise<void> {
    const { default: Provider } = await import('oidc-provider');
    const accounts = this.accounts;
    const claimsOf = (sub: string) => {
      const account = accounts.get(sub);
      return account ? { name: account.name, roles: account.roles, groups: account.groups } : {};
    };
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: WEB_CLIENT_ID,
          token_endpoint_auth_method: 'none',
          application_type: 'web',
          redirect_uris: [`${pageOrigin}/auth/callback`],
          post_logout_redirect_uris: [`${pageOrigin}/`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: {
        keys: [{ ...this.privateKey.export({ format: 'jwk' }), kid: this.kid, alg: 'RS256', use: 'sig' }],
      },
      pkce: { required: () => true },
      claims: { openid: ['sub'], profile: ['name'] },
      scopes: ['openid', 'profile', 'api'],
      features: {
        devInteractions: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => API_RESOURCE,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx: unknown, resource: string) => {
            if (resource !== API_RESOURCE) throw new Error(`unknown resource ${resource}`);
            return {
              scope: 'api',
              audience: API_AUDIENCE,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: 'RS256' } },
            };
          },
        },
      },
      findAccount: (_ctx: unknown, sub: string) =>
        accounts.has(sub) ? { accountId: sub, claims: () => ({ sub, ...claimsOf(sub) }) } : undefined,
      extraTokenClaims: (_ctx: unknown, token: { accountId?: string }) =>
        token.accountId ? claimsOf(token.accountId) : {},
      ttl: { AccessToken: 900, Session: 900, Grant: 900, Interaction: 900 },
    });
    this.handler = provider.callback();
  }

  /** A token as the provider would issue it, for setting the scene through the API. */
  tokenFor(account: IdpAccount): string {
    return jwt.sign({ name: account.name, roles: account.roles, groups: account.groups }, this.privateKey, {
      algorithm: 'RS256',
      keyid: this.kid,
      subject: account.sub,
      issuer: this.issuer,
      audience: API_AUDIENCE,
      expiresIn: 600,
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
