import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListWindowsPayload, Page, WINDOW_KINDS, WindowKind, WindowView } from '@envrefresh/contracts';
import { assertValidQuery, decodeCursor, pageFrom, pageSize, readQueryFlag } from '@envrefresh/application';
import { Problems, ValidationError, isUuid, ActingUser } from '@envrefresh/kernel';
import { windowNotFound } from '../domain/window.errors';
import { assertMaySeeDeletedWindows } from '../domain/window-policy';
import { WINDOW_REPOSITORY, WindowRepository } from './window.repository.port';
import { toWindowView } from './window-view.mapper';

/** Every role may read windows: teams plan their refreshes around them. */
@Injectable()
export class WindowQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(WINDOW_REPOSITORY) private readonly windows: WindowRepository,
  ) {}

  /**
   * Owner query (ADR 0014), for no user: the windows with these ids that exist, as their events
   * carry them, for a projection that has not heard of them yet. At most 100 ids.
   */
  async byIds(ids: unknown): Promise<WindowView[]> {
    const wanted = Array.isArray(ids) ? ids : [];
    if (wanted.length === 0 || wanted.length > 100 || !wanted.every(isUuid))
      throw new ValidationError('REQUEST.INVALID', [{ field: 'ids', message: 'must list 1 to 100 UUIDs' }]);
    const found: WindowView[] = [];
    for (const id of new Set(wanted.map((each) => each.toLowerCase()))) {
      const window = await this.windows.findById(this.dataSource.manager, id);
      if (window) found.push(toWindowView(window.snapshot()));
    }
    return found;
  }

  /** A malformed id names no window: 404, like an unknown one. */
  async get(user: ActingUser, windowId: unknown): Promise<WindowView> {
    const window = isUuid(windowId)
      ? await this.windows.findById(this.dataSource.manager, windowId.toLowerCase())
      : null;
    if (!window) throw windowNotFound(windowId);
    return toWindowView(window.snapshot());
  }

  /** Newest first; by kind and by the environment they cover; deleted ones for admins who ask; opaque cursor. */
  async list(user: ActingUser, query: ListWindowsPayload = {}): Promise<Page<WindowView>> {
    const problems = new Problems();
    const fields = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
    const limit = pageSize(fields.limit, problems);
    const position = decodeCursor(fields.cursor, ['c', 'i'], problems);
    const before = position && { createdAt: new Date(position.c), id: position.i };
    if (before && (Number.isNaN(before.createdAt.getTime()) || !isUuid(before.id))) {
      problems.add('cursor', 'is not a cursor this list handed out; start again without it');
    }
    if (fields.kind !== undefined && !(WINDOW_KINDS as readonly unknown[]).includes(fields.kind)) {
      problems.add('kind', `must be one of ${WINDOW_KINDS.join(', ')}`);
    }
    if (fields.environmentId !== undefined && !isUuid(fields.environmentId)) {
      problems.add('environmentId', 'must be the id (uuid) of an environment');
    }
    const includeDeleted = readQueryFlag(fields.includeDeleted, 'includeDeleted', problems);
    assertValidQuery(problems);
    if (includeDeleted) assertMaySeeDeletedWindows(user);

    const rows = await this.windows.page(this.dataSource.manager, {
      limit: limit + 1,
      kind: fields.kind as WindowKind | undefined,
      coveringEnvironmentId: (fields.environmentId as string | undefined)?.toLowerCase(),
      before,
      includeDeleted,
    });
    return pageFrom(
      rows,
      limit,
      (window) => toWindowView(window.snapshot()),
      (last) => ({ c: last.createdAt, i: last.id }),
    );
  }
}
