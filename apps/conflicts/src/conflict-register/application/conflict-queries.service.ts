import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONFLICT_STATUSES, ConflictStatus, ConflictView, Page } from '@envrefresh/contracts';
import { assertValidQuery, decodeCursor, pageFrom, pageSize } from '@envrefresh/application';
import { IntentViewer, Problems, isUuid, ActingUser } from '@envrefresh/kernel';
import { asSeenBy } from '../../detection/domain/discretion';
import { CONFLICT_REGISTER, ConflictRegister, StoredConflict } from './conflict-register.port';
import { WORLD_CATCH_UP, WorldCatchUp } from '../../world/application/world-catch-up.port';

/** Reads of the stored conflicts. */
@Injectable()
export class ConflictQueries {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CONFLICT_REGISTER) private readonly register: ConflictRegister,
    @Inject(WORLD_CATCH_UP) private readonly catchUp: WorldCatchUp,
  ) {}

  /**
   * Every conflict of one intent (the gateway has checked the caller may see it), worded for the
   * caller, as of `version` at least (the version the gateway just read): behind it, the intent is
   * fetched from its owner and its conflicts recomputed first (ADR 0014).
   */
  async allFor(user: ActingUser, intentId: unknown, version?: unknown): Promise<ConflictView[]> {
    const id = requireIntentId(intentId);
    const problems = new Problems();
    if (version !== undefined && !(Number.isInteger(version) && (version as number) >= 0))
      problems.add('version', 'must be a whole number');
    problems.throwIfAny('REQUEST.INVALID');
    await this.catchUp.intents([
      { ref: id, ...(version === undefined ? {} : { atLeast: version as number }) },
    ]);
    const stored = await this.register.allFor(this.dataSource.manager, id);
    return stored.map((conflict) => seenBy(conflict, user));
  }

  async list(
    user: ActingUser,
    query: {
      status?: unknown;
      environmentId?: unknown;
      intentId?: unknown;
      limit?: unknown;
      cursor?: unknown;
    },
  ): Promise<Page<ConflictView>> {
    const problems = new Problems();
    if (query.status !== undefined && !CONFLICT_STATUSES.includes(query.status as ConflictStatus))
      problems.add('status', `must be one of ${CONFLICT_STATUSES.join(', ')}`);
    for (const field of ['environmentId', 'intentId'] as const)
      if (query[field] !== undefined && !isUuid(query[field])) problems.add(field, 'must be a UUID');
    const limit = pageSize(query.limit, problems);
    const after = decodeCursor(query.cursor, ['createdAt', 'id'] as const, problems);
    assertValidQuery(problems);
    const items = await this.register.list(this.dataSource.manager, {
      viewer: user,
      ...(query.status ? { status: query.status as ConflictStatus } : {}),
      ...(query.environmentId ? { environmentId: query.environmentId as string } : {}),
      ...(query.intentId ? { intentId: query.intentId as string } : {}),
      limit: limit + 1,
      ...(after ? { after } : {}),
    });
    return pageFrom(
      items.map((item) => seenBy(item, user)),
      limit,
      (item) => item,
      (last) => ({ createdAt: last.createdAt, id: last.id }),
    );
  }
}

/** A stored conflict as `viewer` may read it: a related intent they may not see is "another refresh". */
function seenBy({ view, discretion }: StoredConflict, viewer: IntentViewer): ConflictView {
  const window = { start: new Date(view.window.start), end: new Date(view.window.end) };
  return asSeenBy(view, viewer, discretion, window);
}

function requireIntentId(intentId: unknown): string {
  const problems = new Problems();
  if (!isUuid(intentId)) problems.add('intentId', 'must be a UUID');
  problems.throwIfAny('REQUEST.INVALID');
  return intentId as string;
}
