/** An envrefresh API token as `GET /me/tokens` lists it: never its secret. */
export interface ApiTokenView {
  id: string;
  name: string;
  roles: string[];
  /** The groups it acts with: its creator's when it was created. */
  groups: string[];
  /** The first characters of the token, to recognise it. */
  hint: string;
  createdAt: string;
  expiresAt: string;
  /** Set once revoked (the answer of DELETE /me/tokens/{id}); listed tokens never have it. */
  revokedAt?: string;
}

/** `POST /me/tokens` answers once with the secret. */
export interface CreatedApiTokenView extends ApiTokenView {
  token: string;
}

/** Who an API token acts as, for the gateway. */
export interface ApiTokenIdentity {
  tokenId: string;
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
  groups: string[];
}
