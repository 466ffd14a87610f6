import type { EntityManager } from 'typeorm';
import { ApiTokenIdentity, ApiTokenView } from '@envrefresh/contracts';

export interface NewApiToken {
  id: string;
  secretHash: string;
  hint: string;
  name: string;
  owner: { sub: string; name?: string; email?: string };
  roles: string[];
  groups: string[];
  createdAt: Date;
  expiresAt: Date;
}

export interface ApiTokenRepository {
  insert(manager: EntityManager, token: NewApiToken): Promise<ApiTokenView>;
  /** Not revoked, newest first. */
  listOf(manager: EntityManager, ownerSub: string): Promise<ApiTokenView[]>;
  countActiveOf(manager: EntityManager, ownerSub: string, now: Date): Promise<number>;
  /** The token of this owner, revoked now; null when there is none to revoke. */
  revoke(manager: EntityManager, ownerSub: string, tokenId: string, at: Date): Promise<ApiTokenView | null>;
  /** The identity of a live (not revoked, not expired) token with this hash, or null. */
  resolve(manager: EntityManager, secretHash: string, now: Date): Promise<ApiTokenIdentity | null>;
}

export const API_TOKEN_REPOSITORY = Symbol('ApiTokenRepository');
