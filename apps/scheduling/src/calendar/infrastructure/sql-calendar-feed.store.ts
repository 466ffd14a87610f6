import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EnvironmentTier } from '@envrefresh/contracts';
import { CalendarFeedStore } from '../application/calendar-feed.store.port';
import { CalendarFeed } from '../domain/calendar-feed';

const TABLE = 'scheduling.calendar_feeds';

interface FeedRow {
  id: string;
  token_sha256: Buffer;
  owner_sub: string;
  owner_groups: string[];
  owner_is_admin: boolean;
  environment_id: string | null;
  tier: EnvironmentTier | null;
  created_at: Date;
}

function feedOf(row: FeedRow): CalendarFeed {
  return {
    id: row.id,
    owner: { sub: row.owner_sub, groups: row.owner_groups, isAdmin: row.owner_is_admin },
    environmentId: row.environment_id,
    tier: row.tier,
    createdAt: row.created_at,
  };
}

@Injectable()
export class SqlCalendarFeedStore implements CalendarFeedStore {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async insert(feed: CalendarFeed, tokenSha256: Buffer): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${TABLE} (id, token_sha256, owner_sub, owner_groups, owner_is_admin, environment_id, tier, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        feed.id,
        tokenSha256,
        feed.owner.sub,
        feed.owner.groups,
        feed.owner.isAdmin,
        feed.environmentId,
        feed.tier,
        feed.createdAt,
      ],
    );
  }

  async countActive(ownerSub: string): Promise<number> {
    const [row]: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS count FROM ${TABLE} WHERE owner_sub = $1 AND revoked_at IS NULL`,
      [ownerSub],
    );
    return Number(row.count);
  }

  async listActive(ownerSub: string): Promise<CalendarFeed[]> {
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT * FROM ${TABLE} WHERE owner_sub = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id`,
      [ownerSub],
    );
    return rows.map(feedOf);
  }

  async revoke(ownerSub: string, feedId: string, at: Date): Promise<CalendarFeed | undefined> {
    const [rows]: [FeedRow[], number] = await this.dataSource.query(
      `UPDATE ${TABLE} SET revoked_at = $3 WHERE id = $1 AND owner_sub = $2 AND revoked_at IS NULL RETURNING *`,
      [feedId, ownerSub, at],
    );
    return rows[0] ? feedOf(rows[0]) : undefined;
  }

  async findActiveByTokenHash(
    tokenSha256: Buffer,
  ): Promise<{ feed: CalendarFeed; tokenSha256: Buffer } | undefined> {
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT * FROM ${TABLE} WHERE token_sha256 = $1 AND revoked_at IS NULL`,
      [tokenSha256],
    );
    return rows[0] ? { feed: feedOf(rows[0]), tokenSha256: rows[0].token_sha256 } : undefined;
  }
}
