import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ApiTokenIdentity, ApiTokenView } from '@envrefresh/contracts';
import { table } from '../../shared/infrastructure/intents-schema';
import { ApiTokenRepository, NewApiToken } from '../application/api-token.repository.port';

const TOKENS = table('api_tokens');
const VIEW_COLUMNS = 'id, name, roles, groups, hint, created_at, expires_at';

interface TokenRow {
  id: string;
  name: string;
  roles: string[];
  groups: string[];
  hint: string;
  created_at: Date;
  expires_at: Date;
}

@Injectable()
export class SqlApiTokenRepository implements ApiTokenRepository {
  async insert(manager: EntityManager, token: NewApiToken): Promise<ApiTokenView> {
    const rows: TokenRow[] = await manager.query(
      `INSERT INTO ${TOKENS} (id, secret_hash, hint, name, owner_sub, owner_name, owner_email, roles, groups, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${VIEW_COLUMNS}`,
      [
        token.id,
        token.secretHash,
        token.hint,
        token.name,
        token.owner.sub,
        token.owner.name ?? null,
        token.owner.email ?? null,
        token.roles,
        token.groups,
        token.createdAt,
        token.expiresAt,
      ],
    );
    return toView(rows[0]);
  }

  async listOf(manager: EntityManager, ownerSub: string): Promise<ApiTokenView[]> {
    const rows: TokenRow[] = await manager.query(
      `SELECT ${VIEW_COLUMNS} FROM ${TOKENS} WHERE owner_sub = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id`,
      [ownerSub],
    );
    return rows.map(toView);
  }

  async countActiveOf(manager: EntityManager, ownerSub: string, now: Date): Promise<number> {
    const rows: { active: number }[] = await manager.query(
      `SELECT count(*)::int AS active FROM ${TOKENS} WHERE owner_sub = $1 AND revoked_at IS NULL AND expires_at > $2`,
      [ownerSub, now],
    );
    return rows[0].active;
  }

  async revoke(
    manager: EntityManager,
    ownerSub: string,
    tokenId: string,
    at: Date,
  ): Promise<ApiTokenView | null> {
    // As a SELECT over the UPDATE: TypeORM answers a bare UPDATE with [rows, count], not rows.
    const rows: (TokenRow & { revoked_at: Date })[] = await manager.query(
      `WITH revoked AS (
         UPDATE ${TOKENS} SET revoked_at = $3 WHERE id = $1 AND owner_sub = $2 AND revoked_at IS NULL
         RETURNING ${VIEW_COLUMNS}, revoked_at)
       SELECT * FROM revoked`,
      [tokenId, ownerSub, at],
    );
    return rows[0] ? { ...toView(rows[0]), revokedAt: rows[0].revoked_at.toISOString() } : null;
  }

  async resolve(manager: EntityManager, secretHash: string, now: Date): Promise<ApiTokenIdentity | null> {
    const rows: {
      id: string;
      owner_sub: string;
      owner_name: string | null;
      owner_email: string | null;
      roles: string[];
      groups: string[];
    }[] = await manager.query(
      `SELECT id, owner_sub, owner_name, owner_email, roles, groups FROM ${TOKENS}
        WHERE secret_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
      [secretHash, now],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      tokenId: row.id,
      sub: row.owner_sub,
      ...(row.owner_name ? { name: row.owner_name } : {}),
      ...(row.owner_email ? { email: row.owner_email } : {}),
      roles: row.roles,
      groups: row.groups,
    };
  }
}

function toView(row: TokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    roles: row.roles,
    groups: row.groups,
    hint: row.hint,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  };
}
