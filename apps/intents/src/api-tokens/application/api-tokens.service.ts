import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { apiTokenHash, apiTokenHint, isWellFormedApiToken, newApiTokenSecret } from '@envrefresh/auth';
import { ApiTokenIdentity, ApiTokenView, CreatedApiTokenView } from '@envrefresh/contracts';
import { ActingUser, isUuid } from '@envrefresh/kernel';
import { recordSecurityEvent } from '@envrefresh/observability';
import {
  API_TOKENS_PER_USER,
  readApiTokenRequest,
  tokenNotFound,
  tooManyTokens,
} from '../domain/api-token-request';
import { API_TOKEN_REPOSITORY, ApiTokenRepository } from './api-token.repository.port';

/**
 * envrefresh API tokens for machines (SPEC "Machines"): a user makes one with at most their own
 * roles, sees its secret once, lists and revokes theirs. The gateway resolves a presented token on
 * every request, so a revoked one is refused at the very next request.
 */
@Injectable()
export class ApiTokensService {
  private readonly logger = new Logger('Security');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(API_TOKEN_REPOSITORY) private readonly tokens: ApiTokenRepository,
  ) {}

  /** `roles` are the creator's roles as the assertion proved them (ActingUser keeps only what they allow). */
  async create(user: ActingUser, creatorRoles: string[], input: unknown): Promise<CreatedApiTokenView> {
    const now = new Date();
    const request = readApiTokenRequest(input as Record<string, unknown> | undefined, creatorRoles, now);
    return this.dataSource.transaction(async (manager) => {
      // Serialises one owner's creations, so the cap cannot be raced past.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`api-tokens:${user.sub}`]);
      if ((await this.tokens.countActiveOf(manager, user.sub, now)) >= API_TOKENS_PER_USER)
        throw tooManyTokens();
      const secret = newApiTokenSecret();
      const view = await this.tokens.insert(manager, {
        id: randomUUID(),
        secretHash: apiTokenHash(secret),
        hint: apiTokenHint(secret),
        name: request.name,
        owner: {
          sub: user.sub,
          ...(user.name ? { name: user.name } : {}),
          ...(user.email ? { email: user.email } : {}),
        },
        roles: request.roles,
        groups: user.groups,
        createdAt: now,
        expiresAt: request.expiresAt,
      });
      recordSecurityEvent(this.logger, {
        action: 'api-token.create',
        outcome: 'allowed',
        actor: user.sub,
        reason: 'token created',
        details: { tokenId: view.id, roles: view.roles, expiresAt: view.expiresAt },
      });
      return { ...view, token: secret };
    });
  }

  async list(user: ActingUser): Promise<{ items: ApiTokenView[]; nextCursor: null }> {
    return { items: await this.tokens.listOf(this.dataSource.manager, user.sub), nextCursor: null };
  }

  async revoke(user: ActingUser, tokenId: unknown): Promise<ApiTokenView> {
    const revoked = isUuid(tokenId)
      ? await this.tokens.revoke(this.dataSource.manager, user.sub, tokenId, new Date())
      : null;
    if (!revoked) throw tokenNotFound(tokenId);
    recordSecurityEvent(this.logger, {
      action: 'api-token.revoke',
      outcome: 'allowed',
      actor: user.sub,
      reason: 'token revoked',
      details: { tokenId },
    });
    return revoked;
  }

  async resolve(secret: unknown): Promise<ApiTokenIdentity | null> {
    if (typeof secret !== 'string' || !isWellFormedApiToken(secret)) return null;
    return this.tokens.resolve(this.dataSource.manager, apiTokenHash(secret), new Date());
  }
}
